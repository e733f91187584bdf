/**
 * Delegates at work over real HTTP: they sign in, edit their delegation's roadmap (their own items,
 * and one item the whole delegation edits, where a stale save gets 409 and is retried on a reloaded
 * version), add items, and answer checks and complete lessons. Every write the server acknowledged
 * (a redirect after the POST) goes into a ledger, which `verifyAcknowledged` later looks up in the
 * database file.
 */
import { performance } from 'node:perf_hooks'
import { allLessons, getCompiled, pickVersion } from '#app/features/curriculum/content.server.ts'
import { DEMO_PASSWORD } from '#db/seed.ts'
import type { Delegate } from './server.ts'
import { openProbe } from './probe.ts'

export type Ack =
	| { type: 'create'; at: number; userId: string; itemId: string; kind: string; field: string; text: string }
	| { type: 'update'; at: number; userId: string; itemId: string; kind: string; field: string; text: string; version: number }
	| { type: 'answer'; at: number; userId: string; lessonKey: string; checkId: string }
	| { type: 'complete'; at: number; userId: string; lessonKey: string }

type Outcome = { status: number; location: string | null; setCookie: string | null; body: string; ms: number }

/** What the clients saw: every request's status and time, and every acknowledged write. */
export class Ledger {
	acks: Ack[] = []
	requests = 0
	byKind = new Map<string, number>()
	statuses = new Map<number, number>()
	conflicts = 0
	serverErrors: string[] = []
	networkErrors: string[] = []
	/** Answers nobody expects (a 400, a 403, a 409 on an item only one person edits…). */
	unexpected: string[] = []
	/** Writes sent that got no answer (the server died under them): they may or may not be stored. */
	unanswered = 0
	/** Milliseconds per request, by kind of request. */
	latencies = new Map<string, number[]>()

	ack(entry: Ack) {
		this.acks.push(entry)
	}
	count(kind: string) {
		this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1)
	}
	acksBefore(time: number) {
		return this.acks.filter((entry) => entry.at < time)
	}
	summary() {
		const percentiles = (values: number[]) => {
			const sorted = [...values].sort((a, b) => a - b)
			const pct = (p: number) =>
				sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(0) : '-'
			return `p50 ${pct(50)} ms p99 ${pct(99)} ms max ${pct(100)} ms`
		}
		const latencies = (which: (kind: string) => boolean) =>
			[...this.latencies].filter(([kind]) => which(kind)).flatMap(([, values]) => values)
		const acked = new Map<string, number>()
		for (const entry of this.acks) acked.set(entry.type, (acked.get(entry.type) ?? 0) + 1)
		return [
			`${this.requests} requests`,
			`kinds ${[...this.byKind].map(([k, n]) => `${k}=${n}`).join(' ')}`,
			`statuses ${[...this.statuses]
				.sort(([a], [b]) => a - b)
				.map(([s, n]) => `${s}×${n}`)
				.join(' ')}`,
			`409s ${this.conflicts}`,
			`writes acknowledged ${this.acks.length} (${[...acked].map(([k, n]) => `${k}=${n}`).join(' ')})`,
			`5xx ${this.serverErrors.length}`,
			`network errors ${this.networkErrors.length}`,
			`latency ${percentiles(latencies((kind) => kind !== 'login'))} (sign-in ${percentiles(latencies((kind) => kind === 'login'))}; writes ${percentiles(latencies((kind) => kind !== 'login' && kind !== 'page'))})`,
		].join(' · ')
	}
}

/** Raised when the server is gone (connection refused or reset): the client stops. */
export class ServerGone extends Error {}

/** One signed-in browser, reduced to form posts and page loads with the headers a browser sends. */
export class HttpClient {
	cookie = ''
	constructor(
		readonly base: string,
		readonly ledger: Ledger,
	) {}

	async send(kind: string, method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Outcome> {
		const headers: Record<string, string> = { Origin: this.base, 'Sec-Fetch-Site': 'same-origin' }
		if (this.cookie) headers.Cookie = this.cookie
		const started = performance.now()
		this.ledger.requests++
		this.ledger.count(kind)
		let response: Response
		let body: string
		try {
			response = await fetch(`${this.base}${path}`, {
				method,
				headers,
				body: form ? new URLSearchParams(form) : undefined,
				redirect: 'manual',
				signal: AbortSignal.timeout(60_000),
			})
			body = await response.text()
		} catch (error) {
			const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
			this.ledger.networkErrors.push(`${method} ${path}: ${cause}`)
			if (method === 'POST') this.ledger.unanswered++
			throw new ServerGone(`${method} ${path}: ${cause}`)
		}
		const ms = performance.now() - started
		const latencies = this.ledger.latencies.get(kind) ?? []
		latencies.push(ms)
		this.ledger.latencies.set(kind, latencies)
		this.ledger.statuses.set(response.status, (this.ledger.statuses.get(response.status) ?? 0) + 1)
		if (response.status >= 500) this.ledger.serverErrors.push(`${method} ${path}: ${response.status} ${body.slice(0, 300)}`)
		return { status: response.status, location: response.headers.get('location'), setCookie: response.headers.get('set-cookie'), body, ms }
	}

	async login(email: string) {
		const outcome = await this.send('login', 'POST', '/login', { email, password: DEMO_PASSWORD })
		const cookie = outcome.setCookie?.split(';')[0]
		if (outcome.status !== 302 || !cookie?.startsWith('academy_session=')) {
			throw new Error(`Sign-in of ${email} failed: ${outcome.status}`)
		}
		this.cookie = cookie
	}
}

export type LessonPlan = { key: string; path: string; checks: Array<{ id: string; option: string }> }

/** Every lesson with its checks and an option for each (any answer counts as answered). */
export async function lessonPlans(): Promise<LessonPlan[]> {
	const plans: LessonPlan[] = []
	for (const lesson of allLessons()) {
		const compiled = await getCompiled(pickVersion(lesson.versions, 'en').file)
		plans.push({
			key: lesson.key,
			path: `/learn/${lesson.moduleSlug}/${lesson.slug}`,
			checks: compiled.checks.map((check) => ({ id: check.id, option: check.options[0]!.value })),
		})
	}
	return plans
}

/** What a delegation's members share: the objective they add actions to, the pathway they all edit. */
export type DelegationTargets = { delegationId: string; objectiveId: string; pathwayId: string }

const redirected = (outcome: Outcome) => outcome.status === 302 && outcome.location !== null
const itemIdOf = (outcome: Outcome) => outcome.location?.split('#item-')[1] ?? ''

/** The version a page shows for an item (the hidden field its edit form posts back). */
/** The version an item's form carries (the page opened with `?edit=<item id>`, as its Edit link does). */
export function versionOnPage(html: string, itemId: string) {
	const match = html.match(new RegExp(`name="id" value="${itemId}"/><input type="hidden" name="version" value="(\\d+)"`))
	return match ? Number(match[1]) : null
}

export class DelegateSession {
	readonly http: HttpClient
	private seq = 0
	private own: { id: string; version: number } | null = null
	private sharedVersion: number | null = null
	private lessonIndex: number
	/** Set by `run`: a delegate told to stop leaves after the request at hand (mid-lesson too). */
	private stopping: () => boolean = () => false

	constructor(
		base: string,
		readonly ledger: Ledger,
		readonly delegate: Delegate,
		readonly targets: DelegationTargets,
		readonly lessons: LessonPlan[],
		index: number,
	) {
		this.http = new HttpClient(base, ledger)
		this.lessonIndex = index % lessons.length
	}

	private get toc() {
		return `/roadmaps/${this.delegate.delegationId}/theory-of-change`
	}
	private text(what: string) {
		return `${this.delegate.userId} ${what} ${++this.seq}`
	}
	private fail(what: string, outcome: Outcome) {
		if (outcome.status < 500) this.ledger.unexpected.push(`${this.delegate.userId} ${what}: ${outcome.status} ${outcome.location ?? ''}`)
	}

	/** Signs in and adds the assumption that only this delegate edits afterwards. */
	async start() {
		await this.http.login(this.delegate.email)
		await this.createAssumption(true)
	}

	private async createAssumption(mine = false) {
		const text = this.text(mine ? 'own assumption' : 'assumption')
		const outcome = await this.http.send('create', 'POST', this.toc, { intent: 'create', kind: 'assumption', text })
		if (!redirected(outcome)) return this.fail('create assumption', outcome)
		const itemId = itemIdOf(outcome)
		this.ledger.ack({
			type: 'create',
			at: performance.now(),
			userId: this.delegate.userId,
			itemId,
			kind: 'assumption',
			field: 'text',
			text,
		})
		if (mine) this.own = { id: itemId, version: 1 }
	}

	private async createAction() {
		const text = this.text('action')
		const outcome = await this.http.send('create', 'POST', `/roadmaps/${this.delegate.delegationId}/strategic-design`, {
			intent: 'create',
			kind: 'action',
			parentId: this.targets.objectiveId,
			description: text,
			lead: 'A ministry',
		})
		if (!redirected(outcome)) return this.fail('create action', outcome)
		this.ledger.ack({
			type: 'create',
			at: performance.now(),
			userId: this.delegate.userId,
			itemId: itemIdOf(outcome),
			kind: 'action',
			field: 'description',
			text,
		})
	}

	/** Edits this delegate's own assumption: nobody else saves it, so a 409 here would be a bug. */
	private async editOwn() {
		if (!this.own) return this.createAssumption(true)
		const text = this.text('own edit')
		const outcome = await this.http.send('update', 'POST', this.toc, {
			intent: 'update',
			kind: 'assumption',
			id: this.own.id,
			version: String(this.own.version),
			text,
		})
		if (!redirected(outcome)) return this.fail('edit own assumption', outcome)
		this.own.version++
		this.ledger.ack({
			type: 'update',
			at: performance.now(),
			userId: this.delegate.userId,
			itemId: this.own.id,
			kind: 'assumption',
			field: 'text',
			text,
			version: this.own.version,
		})
	}

	/** Edits the pathway the whole delegation edits: on 409, reload the page's version and retry. */
	private async editShared() {
		const text = this.text('shared edit')
		for (let attempt = 0; attempt < 4 && !this.stopping(); attempt++) {
			if (this.sharedVersion === null) {
				const page = await this.http.send('page', 'GET', `${this.toc}?edit=${this.targets.pathwayId}`)
				if (page.status !== 200) return this.fail('load roadmap page', page)
				this.sharedVersion = versionOnPage(page.body, this.targets.pathwayId)
				if (this.sharedVersion === null) return this.fail('find the pathway on the page', page)
			}
			const version = this.sharedVersion
			const outcome = await this.http.send('update', 'POST', this.toc, {
				intent: 'update',
				kind: 'pathway',
				id: this.targets.pathwayId,
				version: String(version),
				if: text,
				then: 'more women take part in decisions on security',
			})
			if (redirected(outcome)) {
				this.sharedVersion = version + 1
				this.ledger.ack({
					type: 'update',
					at: performance.now(),
					userId: this.delegate.userId,
					itemId: this.targets.pathwayId,
					kind: 'pathway',
					field: 'if',
					text,
					version: version + 1,
				})
				return
			}
			this.sharedVersion = null
			if (outcome.status !== 409) return this.fail('edit shared pathway', outcome)
			this.ledger.conflicts++
		}
	}

	/** Opens the next lesson, answers each of its checks and marks it complete. */
	private async learn() {
		const lesson = this.lessons[this.lessonIndex++ % this.lessons.length]!
		const page = await this.http.send('page', 'GET', lesson.path)
		if (page.status !== 200) return this.fail('open lesson', page)
		for (const check of lesson.checks) {
			if (this.stopping()) return
			const outcome = await this.http.send('answer', 'POST', lesson.path, { intent: 'answer', checkId: check.id, option: check.option })
			if (!redirected(outcome)) return this.fail(`answer ${check.id}`, outcome)
			this.ledger.ack({ type: 'answer', at: performance.now(), userId: this.delegate.userId, lessonKey: lesson.key, checkId: check.id })
		}
		if (this.stopping()) return
		const outcome = await this.http.send('complete', 'POST', lesson.path, { intent: 'complete' })
		if (!redirected(outcome)) return this.fail('complete lesson', outcome)
		this.ledger.ack({ type: 'complete', at: performance.now(), userId: this.delegate.userId, lessonKey: lesson.key })
	}

	/**
	 * After the server came back: reload the roadmap page, as a person does, and take the versions it
	 * shows (a save that got no answer may or may not have been stored).
	 */
	async reload() {
		const page = await this.http.send('page', 'GET', `${this.toc}?edit=${this.targets.pathwayId}`)
		if (page.status !== 200) return this.fail('reload roadmap page', page)
		this.sharedVersion = versionOnPage(page.body, this.targets.pathwayId)
		if (this.own) {
			// Its own item's form: its Edit link's page.
			const own = await this.http.send('page', 'GET', `${this.toc}?edit=${this.own.id}`)
			if (own.status !== 200) return this.fail('reload roadmap page', own)
			const version = versionOnPage(own.body, this.own.id)
			if (version === null) return this.fail('find own assumption on the page', page)
			this.own.version = version
		}
	}

	/** The text this delegate last saw acknowledged for their own assumption. */
	ownItem() {
		return this.own
	}

	/** One thing a delegate does, picked at random with a delegate's usual mix. */
	async step() {
		const roll = Math.random()
		if (roll < 0.3) return this.editOwn()
		if (roll < 0.5) return this.editShared()
		if (roll < 0.6) return this.createAssumption()
		if (roll < 0.7) return this.createAction()
		return this.learn()
	}

	/** Steps until `until()` says stop or the server goes away. */
	async run(until: () => boolean) {
		this.stopping = until
		try {
			while (!until()) await this.step()
		} catch (error) {
			if (!(error instanceof ServerGone)) throw error
		}
	}
}

/**
 * The lead of each delegation opens its roadmap (which creates it) and adds an objective under the
 * first pillar and a pathway: what the delegation's members then add actions to and edit together.
 */
export async function prepareDelegation(base: string, ledger: Ledger, lead: Delegate, database: string): Promise<DelegationTargets> {
	const http = new HttpClient(base, ledger)
	await http.login(lead.email)
	const roadmapPath = `/roadmaps/${lead.delegationId}`
	const page = await http.send('page', 'GET', `${roadmapPath}/strategic-design`)
	if (page.status !== 200) throw new Error(`${roadmapPath}/strategic-design: ${page.status}`)
	const probe = await openProbe(database, { readonly: true })
	const pillar = await probe.get<{ id: string }>(
		`select i.id from roadmap_items i join roadmaps r on r.id = i.roadmap_id where r.delegation_id = ? and i.kind = 'pillar' order by i.position limit 1`,
		lead.delegationId,
	)
	await probe.close()
	if (!pillar) throw new Error(`No pillar in the roadmap of ${lead.delegationId}`)
	const statement = `${lead.delegationId} objective`
	const objective = await http.send('create', 'POST', `${roadmapPath}/strategic-design`, {
		intent: 'create',
		kind: 'objective',
		parentId: pillar.id,
		statement,
	})
	if (!redirected(objective)) throw new Error(`Creating the objective of ${lead.delegationId}: ${objective.status}`)
	ledger.ack({
		type: 'create',
		at: performance.now(),
		userId: lead.userId,
		itemId: itemIdOf(objective),
		kind: 'objective',
		field: 'statement',
		text: statement,
	})
	const pathwayText = `${lead.delegationId} pathway`
	const pathway = await http.send('create', 'POST', `${roadmapPath}/theory-of-change`, {
		intent: 'create',
		kind: 'pathway',
		if: pathwayText,
		then: 'more women take part in decisions on security',
	})
	if (!redirected(pathway)) throw new Error(`Creating the pathway of ${lead.delegationId}: ${pathway.status}`)
	ledger.ack({
		type: 'create',
		at: performance.now(),
		userId: lead.userId,
		itemId: itemIdOf(pathway),
		kind: 'pathway',
		field: 'if',
		text: pathwayText,
	})
	return { delegationId: lead.delegationId, objectiveId: itemIdOf(objective), pathwayId: itemIdOf(pathway) }
}

/** Prepares every delegation, signs every delegate in and gives each one its own assumption. */
export async function startDelegates(base: string, ledger: Ledger, delegates: Delegate[], database: string) {
	const lessons = await lessonPlans()
	const targets = new Map<string, DelegationTargets>()
	for (const delegate of delegates) {
		if (!targets.has(delegate.delegationId)) targets.set(delegate.delegationId, await prepareDelegation(base, ledger, delegate, database))
	}
	const sessions = delegates.map(
		(delegate, index) => new DelegateSession(base, ledger, delegate, targets.get(delegate.delegationId)!, lessons, index),
	)
	await Promise.all(sessions.map((session) => session.start()))
	return sessions
}

type ChangeRow = { item_id: string; change: string; after: string | null }

/**
 * Looks every acknowledged write up in a database file. Problems are listed, not thrown.
 * - `exact`: every request got its answer (no crash), so the database must hold exactly what was
 *   acknowledged — no more check answers than acknowledged, each item's last acknowledged text is its
 *   text now, and its version is the last acknowledged one.
 * - otherwise (a crash, or a backup taken mid-load): acknowledged writes must be there; writes that
 *   were never answered, or came after the backup, may or may not be.
 */
export async function verifyAcknowledged(database: string, acks: Ack[], { exact }: { exact: boolean }) {
	const probe = await openProbe(database, { readonly: true })
	const problems: string[] = []
	const verified = { create: 0, update: 0, answer: 0, complete: 0 }
	try {
		const items = new Map(
			(
				await probe.all<{ id: string; kind: string; data: string; version: number }>(`select id, kind, data, version from roadmap_items`)
			).map((row) => [row.id, { kind: row.kind, data: JSON.parse(row.data) as Record<string, unknown>, version: row.version }]),
		)
		const changes = new Map<string, ChangeRow[]>()
		for (const row of await probe.all<ChangeRow>(
			`select item_id, change, after from roadmap_changes where item_id is not null order by id`,
		)) {
			changes.set(row.item_id, [...(changes.get(row.item_id) ?? []), row])
		}
		const afterText = (row: ChangeRow, field: string) =>
			row.after ? (JSON.parse(row.after) as { data: Record<string, unknown> }).data[field] : undefined

		const lastUpdate = new Map<string, Extract<Ack, { type: 'update' }>>()
		const updatesPerItem = new Map<string, number>()
		const answers = new Map<string, number>()
		for (const ack of acks) {
			if (ack.type === 'create') {
				const item = items.get(ack.itemId)
				const created = changes.get(ack.itemId)?.find((row) => row.change === 'create')
				if (!item || item.kind !== ack.kind) problems.push(`created ${ack.kind} ${ack.itemId} (“${ack.text}”) is missing`)
				else if (!created || afterText(created, ack.field) !== ack.text)
					problems.push(`created ${ack.kind} ${ack.itemId} has no history of its creation with “${ack.text}”`)
				else verified.create++
			} else if (ack.type === 'update') {
				const found = changes.get(ack.itemId)?.some((row) => row.change === 'update' && afterText(row, ack.field) === ack.text)
				const item = items.get(ack.itemId)
				if (!found || !item) problems.push(`update of ${ack.itemId} to “${ack.text}” (version ${ack.version}) is missing`)
				else if (item.version < ack.version)
					problems.push(`${ack.itemId} is at version ${item.version}, but version ${ack.version} was acknowledged`)
				else verified.update++
				if ((lastUpdate.get(ack.itemId)?.version ?? 0) < ack.version) lastUpdate.set(ack.itemId, ack)
				updatesPerItem.set(ack.itemId, (updatesPerItem.get(ack.itemId) ?? 0) + 1)
			} else if (ack.type === 'answer') {
				const key = `${ack.userId}|${ack.lessonKey}|${ack.checkId}`
				answers.set(key, (answers.get(key) ?? 0) + 1)
			} else {
				const row = await probe.get<{ completed_at: string | null }>(
					`select completed_at from lesson_progress where user_id = ? and lesson_key = ?`,
					ack.userId,
					ack.lessonKey,
				)
				if (!row?.completed_at) problems.push(`${ack.userId} completed ${ack.lessonKey}, but it is not complete`)
				else verified.complete++
			}
		}
		const countAttempts = async (...params: unknown[]) =>
			Number(
				(await probe.get<{ n: number }>(
					`select count(*) as n from check_attempts where user_id = ? and lesson_key = ? and check_id = ?`,
					...params,
				))!.n,
			)
		for (const [key, acknowledged] of answers) {
			const [userId, lessonKey, checkId] = key.split('|')
			const stored = await countAttempts(userId, lessonKey, checkId)
			if (stored < acknowledged || (exact && stored !== acknowledged))
				problems.push(`${key}: ${acknowledged} answers acknowledged, ${stored} stored`)
			else verified.answer += acknowledged
		}
		if (exact) {
			// Nothing was stored that nobody saw acknowledged: as many items created by these people.
			const createdBy = new Map<string, number>()
			for (const ack of acks) if (ack.type === 'create') createdBy.set(ack.userId, (createdBy.get(ack.userId) ?? 0) + 1)
			for (const [userId, acknowledged] of createdBy) {
				const row = await probe.get<{ n: number }>(
					`select count(*) as n from roadmap_changes where change = 'create' and user_id = ?`,
					userId,
				)
				const stored = Number(row!.n)
				if (stored !== acknowledged) problems.push(`${userId}: ${acknowledged} items created and acknowledged, ${stored} stored`)
			}
			const answeredBy = new Map<string, number>()
			for (const ack of acks)
				if (ack.userId) answeredBy.set(ack.userId, (answeredBy.get(ack.userId) ?? 0) + (ack.type === 'answer' ? 1 : 0))
			for (const [userId, acknowledged] of answeredBy) {
				const row = await probe.get<{ n: number }>(`select count(*) as n from check_attempts where user_id = ?`, userId)
				const stored = Number(row!.n)
				if (stored !== acknowledged) problems.push(`${userId}: ${acknowledged} answers acknowledged, ${stored} stored`)
			}
			for (const [itemId, last] of lastUpdate) {
				const item = items.get(itemId)
				if (!item) continue
				if (item.version !== last.version)
					problems.push(`${itemId} is at version ${item.version}; the last acknowledged save made version ${last.version}`)
				if (item.data[last.field] !== last.text)
					problems.push(`${itemId} reads “${String(item.data[last.field])}”; the last acknowledged save wrote “${last.text}”`)
				const stored = changes.get(itemId)!.filter((row) => row.change === 'update').length
				if (stored !== updatesPerItem.get(itemId))
					problems.push(`${itemId}: ${updatesPerItem.get(itemId)} saves acknowledged, ${stored} in its history`)
			}
		}
	} finally {
		await probe.close()
	}
	return { verified, problems }
}

/** Each item's text as of its last acknowledged write (its creation, or its latest acknowledged save). */
export function latestTexts(acks: Ack[]) {
	const latest = new Map<string, { text: string; version: number }>()
	for (const ack of acks) {
		if (ack.type === 'create' && !latest.has(ack.itemId)) latest.set(ack.itemId, { text: ack.text, version: 1 })
		if (ack.type === 'update' && (latest.get(ack.itemId)?.version ?? 0) < ack.version)
			latest.set(ack.itemId, { text: ack.text, version: ack.version })
	}
	return latest
}

/**
 * Each delegate signs in on a server started on a restored copy and finds their roadmap as it was:
 * their own item reads as their last acknowledged write.
 */
export async function expectRestoredRoadmaps(base: string, ledger: Ledger, sessions: DelegateSession[]) {
	const texts = latestTexts(ledger.acks)
	for (const session of sessions) {
		const http = new HttpClient(base, ledger)
		await http.login(session.delegate.email)
		const page = await http.send('page', 'GET', `/roadmaps/${session.delegate.delegationId}/theory-of-change`)
		if (page.status !== 200) throw new Error(`${session.delegate.email}: the restored roadmap answered ${page.status}`)
		const own = session.ownItem()
		if (own && !page.body.includes(texts.get(own.id)!.text))
			throw new Error(`${session.delegate.email}: the restored roadmap lacks “${texts.get(own.id)!.text}”`)
	}
}
