/**
 * The facilitator dashboard's numbers. One set of functions feeds both the pages and the CSV exports,
 * so an export can never disagree with the dashboard.
 */
import { sql } from 'kysely'
import { getCatalogue, getCompiled, pickVersion } from '#app/features/curriculum/content.server.ts'
import { db, joinedValues } from '#app/utils/db.server.ts'
import type { Language } from '#app/utils/i18n.ts'
import { invitationState } from '#app/features/cohorts/invitations.server.ts'
import type { Sector } from '#db/schema.ts'

/** What the dashboard shows of a delegate. */
type DelegateSummary = {
	userId: string
	name: string
	/** Completed lessons per module slug. */
	byModule: Record<string, number>
	completed: number
	started: boolean
}

/** What the CSV exports add: the person's details and when they were last seen. */
type DelegateProgress = DelegateSummary & {
	email: string
	sector: Sector
	organisation: string
	position: string
	isLead: boolean
	lastLoginAt: string | null
	lastActivityAt: string | null
}

type DelegationProgress<Delegate extends DelegateSummary> = {
	id: string
	countryCode: string
	napStatus: string
	delegates: Delegate[]
	/** Completed lesson count per module, summed over the delegation's delegates. */
	byModule: Record<string, number>
	completed: number
	ready: number
}

type CohortProgress<Delegate extends DelegateSummary> = {
	modules: Array<{ slug: string; title: string; lessons: number }>
	totalLessons: number
	delegations: Array<DelegationProgress<Delegate>>
	pendingInvitations: Array<{ email: string; name: string; countryCode: string; createdAt: string; expiresAt: string; expired: boolean }>
}

/** Progress of every delegate of a cohort, per delegation and module, with each person's details (the exports). */
export function cohortProgress(cohortId: string, language: Language): Promise<CohortProgress<DelegateProgress>> {
	return collectProgress(cohortId, language, true)
}

/**
 * The same numbers without the people's details and last activity (the dashboard): the same
 * queries and counting, less read. A 400-delegate cohort's details were half its query time.
 */
export function cohortProgressSummary(cohortId: string, language: Language): Promise<CohortProgress<DelegateSummary>> {
	return collectProgress(cohortId, language, false)
}

async function collectProgress(cohortId: string, language: Language, details: true): Promise<CohortProgress<DelegateProgress>>
async function collectProgress(cohortId: string, language: Language, details: false): Promise<CohortProgress<DelegateSummary>>
async function collectProgress(cohortId: string, language: Language, details: boolean): Promise<CohortProgress<DelegateSummary>> {
	const catalogue = getCatalogue()
	const lessonModule = lessonModules(catalogue)
	const [delegations, members, invitations] = await Promise.all([
		db
			.selectFrom('delegations')
			.select(['id', 'country_code', 'nap_status'])
			.where('cohort_id', '=', cohortId)
			.orderBy('country_code')
			.execute(),
		// One row per delegate, with the lessons they completed (joined in one string) and whether they
		// started at all: a 400-delegate cohort has thousands of progress rows, read through its index.
		db
			.selectFrom('delegation_members as m')
			.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
			.innerJoin('users as u', 'u.id', 'm.user_id')
			.select((eb) => [
				'm.delegation_id',
				'u.id',
				'u.name',
				eb
					.selectFrom('lesson_progress as p')
					.select((p) => joinedValues(p.ref('p.lesson_key')).as('keys'))
					.whereRef('p.user_id', '=', 'm.user_id')
					.where('p.completed_at', 'is not', null)
					.as('completed'),
				eb
					.selectFrom('lesson_progress as p')
					.select(sql<number>`1`.as('one'))
					.whereRef('p.user_id', '=', 'm.user_id')
					.limit(1)
					.as('started'),
			])
			.$if(details, (query) =>
				query.select((eb) => [
					'u.email',
					'u.last_login_at',
					'm.sector',
					'm.organisation',
					'm.position',
					'm.is_lead',
					eb
						.selectFrom('lesson_progress as p')
						.select((p) => p.fn.max('p.last_viewed_at').as('last'))
						.whereRef('p.user_id', '=', 'm.user_id')
						.as('last_viewed_at'),
				]),
			)
			.where('d.cohort_id', '=', cohortId)
			.orderBy('u.name')
			.execute(),
		db
			.selectFrom('invitations as i')
			.leftJoin('delegations as d', 'd.id', 'i.delegation_id')
			.select(['i.email', 'i.name', 'i.created_at', 'i.expires_at', 'i.accepted_at', 'i.revoked_at', 'd.country_code'])
			.where('i.cohort_id', '=', cohortId)
			.where('i.accepted_at', 'is', null)
			.where('i.revoked_at', 'is', null)
			.orderBy('i.created_at')
			.execute(),
	])
	const totalLessons = catalogue.lessons.size
	/** Completed lessons of the catalogue per module (a lesson no longer in it does not count). */
	const countCompleted = (keys: string | null) => {
		const byModule: Record<string, number> = {}
		let completed = 0
		if (keys) {
			for (const lessonKey of keys.split('\n')) {
				const module = lessonModule.get(lessonKey)
				if (!module) continue
				byModule[module] = (byModule[module] ?? 0) + 1
				completed++
			}
		}
		return { byModule, completed }
	}
	// The members in name order, per delegation.
	const membersOf = new Map<string, typeof members>()
	for (const member of members) {
		const list = membersOf.get(member.delegation_id)
		if (list) list.push(member)
		else membersOf.set(member.delegation_id, [member])
	}
	return {
		modules: catalogue.modules.map((m) => ({
			slug: m.slug,
			title: pickVersion(m.versions, language).title,
			lessons: m.lessons.length,
		})),
		totalLessons,
		delegations: delegations.map((delegation) => {
			const delegates = (membersOf.get(delegation.id) ?? []).map((m): DelegateSummary | DelegateProgress => {
				const { byModule, completed } = countCompleted(m.completed)
				const summary: DelegateSummary = { userId: m.id, name: m.name, byModule, completed, started: m.started !== null }
				if (!details) return summary
				return {
					...summary,
					email: m.email!,
					sector: m.sector!,
					organisation: m.organisation!,
					position: m.position!,
					isLead: m.is_lead === 1,
					lastLoginAt: m.last_login_at ?? null,
					lastActivityAt: m.last_viewed_at ?? null,
				}
			})
			const byModule: Record<string, number> = {}
			let completed = 0
			let ready = 0
			for (const delegate of delegates) {
				for (const module in delegate.byModule) byModule[module] = (byModule[module] ?? 0) + delegate.byModule[module]!
				completed += delegate.completed
				if (delegate.completed >= totalLessons) ready++
			}
			return {
				id: delegation.id,
				countryCode: delegation.country_code,
				napStatus: delegation.nap_status,
				delegates,
				byModule,
				completed,
				ready,
			}
		}),
		pendingInvitations: invitations.map((i) => ({
			email: i.email,
			name: i.name,
			countryCode: i.country_code ?? '',
			createdAt: i.created_at,
			expiresAt: i.expires_at,
			expired: invitationState(i) === 'expired',
		})),
	}
}

/** Each lesson key of the catalogue with its module's slug; the catalogue is immutable once read, so once per catalogue. */
const lessonModulesOf = new WeakMap<ReturnType<typeof getCatalogue>, Map<string, string>>()
function lessonModules(catalogue: ReturnType<typeof getCatalogue>) {
	let map = lessonModulesOf.get(catalogue)
	if (!map) {
		map = new Map(catalogue.modules.flatMap((m) => m.lessons.map((l) => [l.key, m.slug] as const)))
		lessonModulesOf.set(catalogue, map)
	}
	return map
}

/** The lessons one delegate of the cohort has viewed and completed. */
export async function delegateDetail(cohortId: string, userId: string, language: Language) {
	const member = await db
		.selectFrom('delegation_members as m')
		.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.select([
			'u.id',
			'u.name',
			'u.email',
			'u.last_login_at',
			'd.country_code',
			'd.id as delegationId',
			'm.sector',
			'm.organisation',
			'm.position',
		])
		.where('d.cohort_id', '=', cohortId)
		.where('m.user_id', '=', userId)
		.executeTakeFirst()
	if (!member) return null
	const [progress, attempts, reflections] = await Promise.all([
		db.selectFrom('lesson_progress').selectAll().where('user_id', '=', userId).execute(),
		db.selectFrom('check_attempts').select(['lesson_key', 'check_id', 'correct']).where('user_id', '=', userId).orderBy('id').execute(),
		db
			.selectFrom('reflections')
			.select(['lesson_key', 'reflection_id', 'body', 'updated_at'])
			.where('user_id', '=', userId)
			.where('shared', '=', 1)
			// Shared with this cohort's facilitators: not one shared in another cohort the person was in.
			.where('shared_cohort_id', '=', cohortId)
			.execute(),
	])
	const byKey = new Map(progress.map((p) => [p.lesson_key, p]))
	const modules = getCatalogue().modules.map((module) => ({
		slug: module.slug,
		title: pickVersion(module.versions, language).title,
		lessons: module.lessons.map((lesson) => {
			const row = byKey.get(lesson.key)
			const lessonAttempts = attempts.filter((a) => a.lesson_key === lesson.key)
			const firstTry = new Map<string, boolean>()
			for (const attempt of lessonAttempts) if (!firstTry.has(attempt.check_id)) firstTry.set(attempt.check_id, attempt.correct === 1)
			return {
				key: lesson.key,
				title: pickVersion(lesson.versions, language).title,
				viewedAt: row?.last_viewed_at ?? null,
				completedAt: row?.completed_at ?? null,
				checksAnswered: firstTry.size,
				checksRightFirstTime: [...firstTry.values()].filter(Boolean).length,
			}
		}),
	}))
	return { member, modules, reflections }
}

type ReflectionFilters = { module?: string; delegation?: string }

/** Reflections that delegates of the cohort chose to share with facilitators. */
export async function sharedReflections(cohortId: string, filters: ReflectionFilters, language: Language) {
	let query = db
		.selectFrom('reflections as r')
		.innerJoin('delegation_members as m', 'm.user_id', 'r.user_id')
		.innerJoin('delegations as d', (join) => join.onRef('d.id', '=', 'm.delegation_id').onRef('d.cohort_id', '=', 'r.shared_cohort_id'))
		.innerJoin('users as u', 'u.id', 'r.user_id')
		.select(['r.user_id', 'r.lesson_key', 'r.reflection_id', 'r.body', 'r.updated_at', 'u.name', 'd.id as delegationId', 'd.country_code'])
		// Shared in this cohort (the person's cohort when they shared it), not in an earlier or later one.
		.where('r.shared_cohort_id', '=', cohortId)
		.where('r.shared', '=', 1)
		.orderBy('r.updated_at', 'desc')
		.limit(500)
	if (filters.module) query = query.where('r.lesson_key', 'like', `${filters.module}/%`)
	if (filters.delegation) query = query.where('d.id', '=', filters.delegation)
	const rows = await query.execute()
	const catalogue = getCatalogue()
	const prompts = new Map<string, string>()
	for (const key of new Set(rows.map((r) => r.lesson_key))) {
		const lesson = catalogue.lessons.get(key)
		if (!lesson) continue
		const compiled = await getCompiled(pickVersion(lesson.versions, language).file)
		for (const reflection of compiled.reflections) prompts.set(`${key}#${reflection.id}`, reflection.prompt)
	}
	return rows.map((row) => {
		const lesson = catalogue.lessons.get(row.lesson_key)
		return {
			...row,
			lessonTitle: lesson ? pickVersion(lesson.versions, language).title : row.lesson_key,
			prompt: prompts.get(`${row.lesson_key}#${row.reflection_id}`) ?? '',
		}
	})
}

/** Knowledge-check results across the cohort: first-attempt success per question, hardest first. */
export async function checkResults(cohortId: string, language: Language) {
	const attempts = await db
		.selectFrom('check_attempts as a')
		.innerJoin('delegation_members as m', 'm.user_id', 'a.user_id')
		.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
		.select(['a.user_id', 'a.lesson_key', 'a.check_id', 'a.correct', 'a.id'])
		.where('d.cohort_id', '=', cohortId)
		.orderBy('a.id')
		.execute()
	const firstTries = new Map<string, Map<string, boolean>>()
	for (const attempt of attempts) {
		const key = `${attempt.lesson_key}#${attempt.check_id}`
		const users = firstTries.get(key) ?? new Map<string, boolean>()
		if (!users.has(attempt.user_id)) users.set(attempt.user_id, attempt.correct === 1)
		firstTries.set(key, users)
	}
	const catalogue = getCatalogue()
	const results = []
	for (const module of catalogue.modules) {
		for (const lesson of module.lessons) {
			const compiled = await getCompiled(pickVersion(lesson.versions, language).file)
			for (const check of compiled.checks) {
				const users = firstTries.get(`${lesson.key}#${check.id}`)
				const answered = users?.size ?? 0
				const right = users ? [...users.values()].filter(Boolean).length : 0
				results.push({
					lessonKey: lesson.key,
					lessonTitle: pickVersion(lesson.versions, language).title,
					moduleTitle: pickVersion(module.versions, language).title,
					checkId: check.id,
					question: check.question,
					answered,
					rightFirstTime: right,
					missRate: answered ? (answered - right) / answered : null,
				})
			}
		}
	}
	return results.sort((a, b) => (b.missRate ?? -1) - (a.missRate ?? -1) || b.answered - a.answered)
}
