/**
 * The benchmark's large Academy, built into its own database (never the app's): a SQLite file, or a
 * PostgreSQL database the bench has just created empty (scripts/bench/run.ts):
 * 50 cohorts, 400 delegations, 4 000 delegates with lesson progress, check answers and reflections,
 * a pending invitation per delegation, a roadmap of Mexico's NAP-1325 shape (4 pillars, 10 objectives,
 * 16 actions, 23 indicators) in every delegation of the largest cohort, and 200 TA requests.
 *
 * Deterministic (a seeded generator), rebuilt from scratch on every run, one transaction for the bulk
 * rows. The roadmaps go through the app's own JSON import, so they are exactly what a user would get.
 *
 *   tsx scripts/bench/seed-large.ts [file | postgres://…] [--summary out.json]   (default .cache/bench/bench.db)
 *
 * One database per process: the app's modules open the database named in the environment when they
 * are first imported, so the bench seeds each engine in a child process of its own.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Insertable } from 'kysely'
import { ASSISTANCE_FORMATS, ASSISTANCE_TOPICS } from '#app/features/assistance/assistance.ts'
import { closeDatabase, configFor, describeDatabase, migrateToLatest, openDatabase } from '#db/connection.ts'
import type {
	CheckAttemptsTable,
	CohortStatus,
	Database,
	DelegationMembersTable,
	DelegationsTable,
	InvitationsTable,
	LessonProgressTable,
	ReflectionsTable,
	Sector,
	AssistanceEventsTable,
	AssistanceRequestsTable,
	AssistanceStatus,
	UsersTable,
} from '#db/schema.ts'
import { mexicoRoadmap } from '#tests/fixtures/mexico-roadmap.ts'

export const DEFAULT_BENCH_DB = path.resolve('.cache/bench/bench.db')
export const BENCH_PASSWORD = 'bench-password'

export const SHAPE = {
	cohorts: 50,
	delegations: 400,
	delegatesPerDelegation: 10,
	/** The largest cohort: 40 delegations × 10 delegates = 400 delegates. */
	largestCohortDelegations: 40,
	taRequests: 200,
} as const

export const LARGEST_COHORT_ID = 'bench-cohort-01'
export const BENCH_ACCOUNTS = {
	staff: 'staff@bench.example.org',
	/** Facilitator of the largest cohort. */
	facilitator: 'facilitator-01@bench.example.org',
	/** First delegate of the largest cohort's first delegation (which has a 4/10/16/23 roadmap). */
	delegate: 'delegate-0001@bench.example.org',
} as const
/** The n-th delegate (1-based): delegates 1–400 are the largest cohort's, ten per delegation. */
export const benchDelegate = (n: number) => `delegate-${String(n).padStart(4, '0')}@bench.example.org`
/** The lesson the benchmark reads and marks complete; the bench delegate has answered its checks. */
export const BENCH_LESSON = { module: 'theory-of-change', lesson: 'why-a-theory-of-change' } as const

export type SeedSummary = {
	/** The SQLite file, or the PostgreSQL URL without its password. */
	database: string
	engine: 'sqlite' | 'postgres'
	seconds: number
	rows: Record<keyof Database, number>
	largestCohort: { id: string; delegations: number; delegates: number; delegationIds: string[] }
	/** The bench delegate's delegation: it has the 4/10/16/23 roadmap. */
	roadmapDelegationId: string
	roadmapShape: { pillars: number; objectives: number; actions: number; indicators: number }
	/** The roadmap's first line of action, which the bench saves again and again. */
	roadmapActionId: string
}

// Latin America and the Caribbean first (the Academy's region), then others for the largest cohort.
const COUNTRIES = (
	'AG AR BB BO BR BS BZ CL CO CR CU DM DO EC GD GT GY HN HT JM KN LC MX NI PA PE PY SR SV TT UY VC VE ' + 'CA ES PT US FR GB DE IT NL SE'
).split(' ')
const REGION_COUNT = 33
const FIRST_NAMES = [
	'Ana',
	'Beatriz',
	'Carla',
	'Daniela',
	'Elena',
	'Fernanda',
	'Gabriela',
	'Inés',
	'Julia',
	'Lucía',
	'María José',
	'Natalia',
	'Paula',
	'Rosa',
	'Sofía',
	'Valentina',
	'Andrés',
	'Bruno',
	'Carlos',
	'Diego',
	'Emilio',
	'Jorge',
	'Luis',
	'Mateo',
	'Pablo',
	'Tomás',
]
const LAST_NAMES = [
	'Ejemplo',
	'Prueba',
	'Muestra',
	'Ficticia',
	'Inventada',
	'Demo',
	'Simulada',
	'Placeholder',
	'Notreal',
	'Sampleton',
	'Madeup',
	'Examplewood',
	'Testperson',
	'Imaginaria',
]
/** Sectors as often as they appear in a delegation (government most). */
const SECTOR_MIX: Sector[] = [
	'government',
	'government',
	'government',
	'civil_society',
	'civil_society',
	'academia',
	'international_organisation',
]
const ORGANISATIONS = [
	'Ministerio de Relaciones Exteriores',
	'Ministerio de Seguridad Pública',
	'Ministerio de la Mujer',
	'Ministerio de Defensa',
	'Una red de mujeres por la paz',
	'Un instituto universitario de estudios de género',
	'Una agencia de cooperación',
]
const POSITIONS = [
	'Directora de Política Multilateral',
	'Analista',
	'Coordinadora',
	'Jefe de Planificación',
	'Oficial de Programa',
	'Investigadora',
]
const TA_FLOW: AssistanceStatus[] = ['open', 'open', 'open', 'scheduled', 'in_progress', 'done', 'declined']

/** mulberry32: a small deterministic generator, so every run benchmarks the same data. */
export function generator(seed: number) {
	let state = seed >>> 0
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0
		let t = state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
		chance: (p: number) => next() < p,
	}
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')
const isoDay = (date: Date) => date.toISOString().slice(0, 10)
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000)

function* chunks<T>(rows: T[], size = 500) {
	for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size)
}

export async function seedLarge(database = DEFAULT_BENCH_DB): Promise<SeedSummary> {
	const started = performance.now()
	const config = configFor(database)
	if (config.engine === 'sqlite') for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${config.file}${suffix}`, { force: true })
	const connection = openDatabase(config)
	const db = connection.db
	await migrateToLatest(db)

	// The app's own modules open the database named in the environment on import: the bench's.
	if (config.engine === 'sqlite') {
		process.env.DATABASE_PATH = config.file
		delete process.env.DATABASE_URL
	} else {
		process.env.DATABASE_URL = config.url
	}
	const { hashPassword } = await import('#app/features/auth/auth.server.ts')
	const { allLessons, getCompiled } = await import('#app/features/curriculum/content.server.ts')
	const { createRoadmap } = await import('#app/features/roadmap/items.server.ts')
	const { importRoadmap, loadTree } = await import('#app/features/roadmap/transfer.server.ts')
	const appDb = await import('#app/utils/db.server.ts')

	// One argon2 hash for every account: hashing 4 000 passwords would take minutes.
	const passwordHash = await hashPassword(BENCH_PASSWORD)
	const lessons = await Promise.all(
		allLessons().map(async (lesson) => {
			const compiled = await getCompiled(lesson.versions.en!.file)
			return { key: lesson.key, checks: compiled.checks, reflections: compiled.reflections }
		}),
	)

	const random = generator(1325)
	const now = new Date()
	const nowIso = now.toISOString()
	const users: Insertable<UsersTable>[] = []
	const cohorts: Insertable<Database['cohorts']>[] = []
	const facilitators: Insertable<Database['cohort_facilitators']>[] = []
	const delegations: Insertable<DelegationsTable>[] = []
	const members: Insertable<DelegationMembersTable>[] = []
	const invitations: Insertable<InvitationsTable>[] = []
	const progress: Insertable<LessonProgressTable>[] = []
	const attempts: Insertable<CheckAttemptsTable>[] = []
	const reflections: Insertable<ReflectionsTable>[] = []
	const requests: Insertable<AssistanceRequestsTable>[] = []
	const events: Insertable<AssistanceEventsTable>[] = []

	const person = (id: string, email: string, isStaff = false): Insertable<UsersTable> => ({
		id,
		email,
		name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)} ${random.pick(LAST_NAMES)}`,
		password_hash: passwordHash,
		is_staff: isStaff ? 1 : 0,
		language: random.chance(0.7) ? 'es' : 'en',
		created_at: nowIso,
		last_login_at: random.chance(0.8) ? addDays(now, -random.int(0, 60)).toISOString() : null,
	})

	const staffIds: string[] = []
	for (let s = 1; s <= 3; s++) {
		const id = `bench-staff-${s}`
		users.push(person(id, s === 1 ? BENCH_ACCOUNTS.staff : `staff-${s}@bench.example.org`, true))
		staffIds.push(id)
	}

	// Cohorts: the largest one (planned pre-work under way), then 49 others over the past ten years.
	const otherDelegations = SHAPE.delegations - SHAPE.largestCohortDelegations
	const others = SHAPE.cohorts - 1
	let delegationNo = 0
	let delegateNo = 0
	for (let c = 1; c <= SHAPE.cohorts; c++) {
		const id = `bench-cohort-${pad(c, 2)}`
		const largest = c === 1
		const start = largest ? addDays(now, 30) : addDays(now, -c * 70 + 400)
		const status: CohortStatus = largest ? 'open' : start < now ? 'closed' : random.pick(['planned', 'open'] as const)
		const host = COUNTRIES[c % REGION_COUNT]!
		cohorts.push({
			id,
			name: `${largest ? 'Large cohort' : `Cohort ${pad(c, 2)}`} ${start.getUTCFullYear()}`,
			host_city: `City ${host}`,
			host_country: host,
			venue: random.chance(0.5) ? 'Ministry of Foreign Affairs' : null,
			start_date: isoDay(start),
			end_date: isoDay(addDays(start, 2)),
			prework_due_date: isoDay(addDays(start, -7)),
			status,
			created_at: nowIso,
			updated_at: nowIso,
		})
		const facilitatorId = `bench-facilitator-${pad(c, 2)}`
		users.push(person(facilitatorId, `facilitator-${pad(c, 2)}@bench.example.org`))
		facilitators.push({ cohort_id: id, user_id: facilitatorId, created_at: nowIso })
		if (largest) facilitators.push({ cohort_id: id, user_id: staffIds[1]!, created_at: nowIso })

		// 40 delegations in the largest cohort, 360 spread over the others (7 or 8 each).
		const count = largest
			? SHAPE.largestCohortDelegations
			: Math.floor(otherDelegations / others) + (c - 1 <= otherDelegations % others ? 1 : 0)
		for (let d = 0; d < count; d++) {
			delegationNo++
			const country = largest ? COUNTRIES[d]! : COUNTRIES[(c * 5 + d) % REGION_COUNT]!
			const delegationId = `${id}-${country.toLowerCase()}`
			delegations.push({
				id: delegationId,
				cohort_id: id,
				country_code: country,
				nap_status: random.pick(['no_plan', 'drafting', 'adopted', 'implementing'] as const),
				created_at: nowIso,
			})
			for (let m = 0; m < SHAPE.delegatesPerDelegation; m++) {
				delegateNo++
				const userId = `bench-delegate-${pad(delegateNo, 4)}`
				users.push(person(userId, `delegate-${pad(delegateNo, 4)}@bench.example.org`))
				members.push({
					delegation_id: delegationId,
					user_id: userId,
					sector: random.pick(SECTOR_MIX),
					organisation: random.pick(ORGANISATIONS),
					position: random.pick(POSITIONS),
					is_lead: m === 0 ? 1 : 0,
					joined_at: nowIso,
				})
				addProgress(userId, delegateNo === 1, id)
			}
			invitations.push({
				id: `bench-invitation-${delegationNo}`,
				token_hash: createHash('sha256').update(`bench-invitation-${delegationNo}`).digest('hex'),
				cohort_id: id,
				delegation_id: delegationId,
				role: 'delegate',
				email: `invited-${delegationNo}@bench.example.org`,
				name: `Invited ${delegationNo}`,
				sector: 'government',
				organisation: null,
				position: null,
				created_by: facilitatorId,
				created_at: nowIso,
				expires_at: addDays(now, random.int(-5, 14)).toISOString(),
				accepted_at: null,
				accepted_by: null,
				revoked_at: null,
			})
		}
	}

	/** Lessons in reading order: most delegates have started, some have finished everything. */
	function addProgress(userId: string, benchDelegate: boolean, cohortId: string) {
		if (!benchDelegate && random.chance(0.12)) return // not started
		const viewed = benchDelegate ? 4 : random.int(1, lessons.length)
		const completed = benchDelegate ? 4 : Math.max(0, viewed - random.int(0, 2))
		for (const [index, lesson] of lessons.slice(0, viewed).entries()) {
			const at = addDays(now, -random.int(1, 90)).toISOString()
			const done = index < completed
			progress.push({ user_id: userId, lesson_key: lesson.key, first_viewed_at: at, last_viewed_at: at, completed_at: done ? at : null })
			if (!done) continue
			for (const check of lesson.checks) {
				const tries = random.chance(0.25) ? 2 : 1
				for (let t = 0; t < tries; t++) {
					const correct = t === tries - 1 || random.chance(0.3)
					const answer = correct ? check.correct : [check.options.find((o) => !check.correct.includes(o.value))?.value ?? 'a']
					attempts.push({
						user_id: userId,
						lesson_key: lesson.key,
						check_id: check.id,
						answer: JSON.stringify(answer),
						correct: correct ? 1 : 0,
						created_at: at,
					})
				}
			}
			for (const reflection of lesson.reflections) {
				if (!random.chance(0.4)) continue
				reflections.push({
					user_id: userId,
					lesson_key: lesson.key,
					reflection_id: reflection.id,
					body: 'En nuestro país, el principal obstáculo es la coordinación entre ministerios y la falta de presupuesto etiquetado. '.repeat(
						random.int(1, 4),
					),
					...(random.chance(0.6) ? { shared: 1, shared_cohort_id: cohortId } : { shared: 0 }),
					created_at: at,
					updated_at: at,
				})
			}
		}
	}

	// 200 TA requests, a quarter of them from the largest cohort, in every state of their life.
	for (let r = 1; r <= SHAPE.taRequests; r++) {
		const delegation = r % 4 === 0 ? delegations[random.int(0, SHAPE.largestCohortDelegations - 1)]! : random.pick(delegations)
		const creator = members.find((m) => m.delegation_id === delegation.id)!.user_id
		const status = random.pick(TA_FLOW)
		const created = addDays(now, -random.int(1, 300))
		const id = `bench-ta-${pad(r, 3)}`
		const doneAt = status === 'done' ? addDays(created, random.int(3, 60)).toISOString() : null
		requests.push({
			id,
			delegation_id: delegation.id,
			section: null,
			item_id: null,
			topic: random.pick(ASSISTANCE_TOPICS),
			need: 'Necesitamos apoyo técnico para costear las líneas de acción y vincularlas con los programas presupuestarios. '.repeat(
				random.int(1, 3),
			),
			urgency: random.pick(['low', 'medium', 'high'] as const),
			due_date: random.chance(0.8) ? isoDay(addDays(now, random.int(-30, 180))) : null,
			language: random.chance(0.7) ? 'es' : 'en',
			format: random.pick(ASSISTANCE_FORMATS),
			status,
			scheduled_for: status === 'scheduled' ? isoDay(addDays(now, random.int(1, 60))) : null,
			decline_reason: status === 'declined' ? 'Outside the Academy’s mandate' : null,
			assignee_id: status === 'open' && random.chance(0.6) ? null : random.pick(staffIds),
			created_by: creator,
			created_at: created.toISOString(),
			updated_at: doneAt ?? created.toISOString(),
			done_at: doneAt,
		})
		// Every row names every column: a multi-row insert cannot leave some to their defaults in SQLite.
		const event = (kind: string, values: { internal?: number; body?: string; from?: string; to?: string; userId: string }) =>
			events.push({
				request_id: id,
				kind,
				internal: values.internal ?? 0,
				body: values.body ?? null,
				from_value: values.from ?? null,
				to_value: values.to ?? null,
				user_id: values.userId,
				created_at: created.toISOString(),
			})
		event('created', { to: 'open', userId: creator })
		if (status !== 'open') event('status', { from: 'open', to: status, userId: staffIds[0]! })
		event('note', { internal: 1, body: 'Checked with the regional office.', userId: staffIds[0]! })
	}

	await db.transaction().execute(async (trx) => {
		for (const chunk of chunks(users)) await trx.insertInto('users').values(chunk).execute()
		for (const chunk of chunks(cohorts)) await trx.insertInto('cohorts').values(chunk).execute()
		for (const chunk of chunks(facilitators)) await trx.insertInto('cohort_facilitators').values(chunk).execute()
		for (const chunk of chunks(delegations)) await trx.insertInto('delegations').values(chunk).execute()
		for (const chunk of chunks(members)) await trx.insertInto('delegation_members').values(chunk).execute()
		for (const chunk of chunks(invitations)) await trx.insertInto('invitations').values(chunk).execute()
		for (const chunk of chunks(progress)) await trx.insertInto('lesson_progress').values(chunk).execute()
		for (const chunk of chunks(attempts)) await trx.insertInto('check_attempts').values(chunk).execute()
		for (const chunk of chunks(reflections)) await trx.insertInto('reflections').values(chunk).execute()
		for (const chunk of chunks(requests)) await trx.insertInto('assistance_requests').values(chunk).execute()
		for (const chunk of chunks(events)) await trx.insertInto('assistance_events').values(chunk).execute()
	})

	// Every delegation's roadmap, made as adding a delegation makes it (the four usual pillars, in the
	// history), then the 4/10/16/23 roadmap in every delegation of the largest cohort, through the app's
	// JSON import.
	for (const delegation of delegations) await createRoadmap(appDb.db, { delegationId: delegation.id, language: 'en', userId: null })
	const document = JSON.stringify(mexicoRoadmap())
	const largest = delegations.filter((d) => d.cohort_id === LARGEST_COHORT_ID)
	for (const delegation of largest) {
		const roadmap = await appDb.db.selectFrom('roadmaps').selectAll().where('delegation_id', '=', delegation.id).executeTakeFirstOrThrow()
		const lead = members.find((m) => m.delegation_id === delegation.id)!.user_id
		const result = await importRoadmap(roadmap, lead, document)
		if (!result.ok) throw new Error(`Roadmap import into ${delegation.id} failed: ${result.errors.join(', ')}`)
	}
	const roadmapDelegationId = largest[0]!.id
	const tree = await loadTree(`roadmap-${roadmapDelegationId}`)

	const rows = {} as Record<keyof Database, number>
	for (const table of Object.keys(tableNames) as Array<keyof Database>) {
		const result = await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
		rows[table] = Number(result.n)
	}
	await appDb.db.destroy()
	connection.sqlite?.pragma('wal_checkpoint(TRUNCATE)')
	await closeDatabase(connection)
	return {
		database: describeDatabase(config),
		engine: config.engine,
		seconds: (performance.now() - started) / 1000,
		rows,
		largestCohort: {
			id: LARGEST_COHORT_ID,
			delegations: largest.length,
			delegates: members.filter((m) => largest.some((d) => d.id === m.delegation_id)).length,
			delegationIds: largest.map((d) => d.id),
		},
		roadmapDelegationId,
		roadmapActionId: tree.actions[0]!.id,
		roadmapShape: {
			pillars: tree.pillars.length,
			objectives: tree.objectives.length,
			actions: tree.actions.length,
			indicators: tree.indicators.length,
		},
	}
}

/** Every table, so that the summary counts them all (a new table makes this fail to type-check). */
const tableNames: Record<keyof Database, true> = {
	users: true,
	sessions: true,
	cohorts: true,
	cohort_facilitators: true,
	delegations: true,
	delegation_members: true,
	invitations: true,
	login_attempts: true,
	scheduled_jobs: true,
	lesson_progress: true,
	check_attempts: true,
	reflections: true,
	reflection_replies: true,
	roadmaps: true,
	roadmap_items: true,
	roadmap_changes: true,
	roadmap_comments: true,
	roadmap_presence: true,
	roadmap_snapshots: true,
	assistance_requests: true,
	assistance_events: true,
	assistance_offers: true,
	implementation_updates: true,
	calendar_feeds: true,
	mail_outbox: true,
	password_resets: true,
	password_reset_requests: true,
	notifications: true,
	notification_settings: true,
	notification_mailings: true,
	two_step: true,
	two_step_recovery_codes: true,
	two_step_pending: true,
	audit_log: true,
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2)
	const summaryAt = args.indexOf('--summary')
	const summaryFile = summaryAt >= 0 ? args.splice(summaryAt, 2)[1] : undefined
	const summary = await seedLarge(args[0] ?? DEFAULT_BENCH_DB)
	if (summaryFile) fs.writeFileSync(summaryFile, JSON.stringify(summary))
	console.log(`Seeded ${summary.database} in ${summary.seconds.toFixed(1)} s:`, summary.rows)
}
