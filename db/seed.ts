import fs from 'node:fs'
import { hash } from '@node-rs/argon2'
import type { Kysely } from 'kysely'
import { applyChange, type Change, createRoadmap, type ItemTree } from '#app/features/roadmap/items.server.ts'
import { snapshotCohortRoadmaps } from '#app/features/roadmap/snapshots.server.ts'
import { DEFAULT_PILLARS, type ItemData, type Kind } from '#app/features/roadmap/kinds.ts'
import { createKysely, isPostgresUrl, migrateToLatest, openDatabase, openSqlite, postgresConfig } from './connection.ts'
import type { Database, Sector } from './schema.ts'

/**
 * The demo Academy, as the public record has it: the closed 2024 Port of Spain cohort (Trinidad and
 * Tobago, Barbados, Guyana, Jamaica) and the 2025 Panama City cohort (Bolivia, Costa Rica, Ecuador,
 * Panama; 24 delegates). People are invented, with plainly invented names and example.org addresses.
 * Running it twice changes nothing: every row has a fixed id and is inserted only if missing.
 */

export const DEMO_PASSWORD = 'academy-demo'

export const DEMO_ACCOUNTS = [
	{ email: 'staff@example.org', role: 'Academy staff' },
	{ email: 'facilitator@example.org', role: 'Facilitator of the 2025 Panama City cohort' },
	{ email: 'delegate.pa@example.org', role: 'Delegate, Panama, 2025' },
	{ email: 'delegate.bo@example.org', role: 'Delegate, Bolivia, 2025' },
	{ email: 'alumni.tt@example.org', role: 'Alumni, Trinidad and Tobago, 2024' },
] as const

type SeedPerson = {
	id: string
	email: string
	name: string
	language: 'en' | 'es'
	sector?: Sector
	organisation?: string
	position?: string
	lead?: boolean
}

const COHORTS = [
	{
		id: 'port-of-spain-2024',
		name: 'Port of Spain 2024',
		host_city: 'Port of Spain',
		host_country: 'TT',
		venue: null,
		start_date: '2024-05-13',
		end_date: '2024-05-15',
		prework_due_date: '2024-05-06',
		status: 'closed' as const,
	},
	{
		id: 'panama-2025',
		name: 'Panama City 2025',
		host_city: 'Panama City',
		host_country: 'PA',
		venue: 'Ministry of Foreign Affairs',
		start_date: '2025-06-24',
		end_date: '2025-06-26',
		prework_due_date: '2025-06-17',
		status: 'in_convening' as const,
	},
]

const STAFF: SeedPerson[] = [{ id: 'user-staff', email: 'staff@example.org', name: 'Sofía Ejemplo', language: 'es' }]

const FACILITATORS: Array<SeedPerson & { cohorts: string[] }> = [
	{
		id: 'user-facilitator',
		email: 'facilitator@example.org',
		name: 'Fernando Ficticio',
		language: 'es',
		cohorts: ['panama-2025'],
	},
	{
		id: 'user-facilitator-pos',
		email: 'facilitator.pos@example.org',
		name: 'Felicia Placeholder',
		language: 'en',
		cohorts: ['port-of-spain-2024'],
	},
]

/** Delegations with their members: [country, cohort, members]. The first member leads. */
const DELEGATIONS: Array<{ cohortId: string; country: string; members: SeedPerson[] }> = [
	{
		cohortId: 'port-of-spain-2024',
		country: 'TT',
		members: [
			person(
				'alumni.tt@example.org',
				'Tamara Testperson',
				'en',
				'government',
				'Office of the Prime Minister (Gender and Child Affairs)',
				'Senior Policy Analyst',
			),
			person('tt2@example.org', 'Trevor Madeup', 'en', 'government', 'Ministry of National Security', 'Programme Officer'),
			person('tt3@example.org', 'Tricia Sampleton', 'en', 'civil_society', 'A women’s peacebuilding network', 'Coordinator'),
			person(
				'tt4@example.org',
				'Terrence Notreal',
				'en',
				'government',
				'Ministry of Foreign and CARICOM Affairs',
				'Foreign Service Officer',
			),
		],
	},
	{
		cohortId: 'port-of-spain-2024',
		country: 'BB',
		members: [
			person('bb1@example.org', 'Beverly Fictional', 'en', 'government', 'Bureau of Gender Affairs', 'Programme Officer'),
			person('bb2@example.org', 'Brandon Invented', 'en', 'civil_society', 'A youth advocacy group', 'Director'),
		],
	},
	{
		cohortId: 'port-of-spain-2024',
		country: 'GY',
		members: [
			person('gy1@example.org', 'Grace Imaginary', 'en', 'government', 'Ministry of Human Services', 'Gender Focal Point'),
			person('gy2@example.org', 'Glen Pretend', 'en', 'civil_society', 'A rural women’s association', 'Chair'),
		],
	},
	{
		cohortId: 'port-of-spain-2024',
		country: 'JM',
		members: [
			person('jm1@example.org', 'Janelle Examplewood', 'en', 'government', 'Bureau of Gender Affairs', 'Senior Director'),
			person('jm2@example.org', 'Jerome Dummy', 'en', 'academia', 'A university gender studies institute', 'Lecturer'),
		],
	},
	{
		cohortId: 'panama-2025',
		country: 'BO',
		members: [
			person(
				'delegate.bo@example.org',
				'Beatriz Demo',
				'es',
				'government',
				'Ministerio de Relaciones Exteriores',
				'Directora de Asuntos Multilaterales',
			),
			person('bo2@example.org', 'Bruno Muestra', 'es', 'government', 'Ministerio de Defensa', 'Jefe de Derechos Humanos'),
			person(
				'bo3@example.org',
				'Berta Inventada',
				'es',
				'government',
				'Viceministerio de Igualdad de Oportunidades',
				'Profesional técnica',
			),
			person('bo4@example.org', 'Benito Ficticio', 'es', 'civil_society', 'Una red de mujeres indígenas', 'Coordinador'),
			person('bo5@example.org', 'Blanca Prueba', 'es', 'civil_society', 'Un colectivo de defensoras', 'Presidenta'),
			person('bo6@example.org', 'Boris Ejemplar', 'es', 'academia', 'Un instituto universitario de estudios de género', 'Investigador'),
		],
	},
	{
		cohortId: 'panama-2025',
		country: 'CR',
		members: [
			person('cr1@example.org', 'Carla Demostración', 'es', 'government', 'Ministerio de Relaciones Exteriores y Culto', 'Consejera'),
			person('cr2@example.org', 'César Simulado', 'es', 'government', 'Ministerio de Seguridad Pública', 'Comisionado'),
			person('cr3@example.org', 'Cecilia Ficticia', 'es', 'government', 'Instituto Nacional de las Mujeres', 'Coordinadora de Políticas'),
			person('cr4@example.org', 'Cristian Muestra', 'es', 'civil_society', 'Una asociación de mujeres rurales', 'Director Ejecutivo'),
			person('cr5@example.org', 'Clara Inventada', 'es', 'civil_society', 'Una red de mujeres por la paz', 'Vocera'),
			person('cr6@example.org', 'Camilo Prueba', 'es', 'international_organisation', 'Una agencia de cooperación', 'Oficial de Programa'),
		],
	},
	{
		cohortId: 'panama-2025',
		country: 'EC',
		members: [
			person(
				'ec1@example.org',
				'Elena Ejemplo',
				'es',
				'government',
				'Ministerio de Relaciones Exteriores y Movilidad Humana',
				'Tercera Secretaria',
			),
			person('ec2@example.org', 'Esteban Ficticio', 'es', 'government', 'Ministerio del Interior', 'Analista'),
			person('ec3@example.org', 'Estela Demo', 'es', 'government', 'Consejo Nacional para la Igualdad de Género', 'Técnica'),
			person('ec4@example.org', 'Eduardo Muestra', 'es', 'civil_society', 'Una fundación de derechos humanos', 'Coordinador'),
			person('ec5@example.org', 'Eva Inventada', 'es', 'civil_society', 'Una red de mujeres de frontera', 'Lideresa'),
			person('ec6@example.org', 'Emilio Simulado', 'es', 'academia', 'Una facultad de ciencias sociales', 'Docente'),
		],
	},
	{
		cohortId: 'panama-2025',
		country: 'PA',
		members: [
			person(
				'delegate.pa@example.org',
				'Patricia Prueba',
				'es',
				'government',
				'Ministerio de Relaciones Exteriores',
				'Directora de Política Multilateral',
			),
			person('pa2@example.org', 'Pablo Ejemplo', 'es', 'government', 'Ministerio de Seguridad Pública', 'Subcomisionado'),
			person('pa3@example.org', 'Paula Ficticia', 'es', 'government', 'Ministerio de la Mujer', 'Jefa de Planificación'),
			person('pa4@example.org', 'Pedro Inventado', 'es', 'civil_society', 'Una red de mujeres afropanameñas', 'Secretario'),
			person('pa5@example.org', 'Pilar Demo', 'es', 'civil_society', 'Una organización de mujeres indígenas', 'Presidenta'),
			person('pa6@example.org', 'Próspero Muestra', 'es', 'government', 'Servicio Nacional de Fronteras', 'Capitán'),
		],
	},
]

function person(email: string, name: string, language: 'en' | 'es', sector: Sector, organisation: string, position: string): SeedPerson {
	return {
		id: `user-${email.split('@')[0]!.replace(/\./g, '-')}`,
		email,
		name,
		language,
		sector,
		organisation,
		position,
	}
}

/** Lessons some demo delegates have completed, so that progress and readiness show something. */
const DEMO_PROGRESS: Record<string, string[]> = {
	'delegate.bo@example.org': [
		'theory-of-change/why-a-theory-of-change',
		'theory-of-change/from-problem-to-change',
		'theory-of-change/pathways-assumptions-risks',
		'gender-budgeting/why-money-decides',
	],
	'bo2@example.org': ['theory-of-change/why-a-theory-of-change'],
	'cr1@example.org': ['theory-of-change/why-a-theory-of-change', 'theory-of-change/from-problem-to-change'],
	'ec1@example.org': ['theory-of-change/why-a-theory-of-change'],
	'pa2@example.org': [
		'theory-of-change/why-a-theory-of-change',
		'theory-of-change/from-problem-to-change',
		'theory-of-change/pathways-assumptions-risks',
	],
	'alumni.tt@example.org': [
		'theory-of-change/why-a-theory-of-change',
		'theory-of-change/from-problem-to-change',
		'theory-of-change/pathways-assumptions-risks',
		'monitoring-and-evaluation/indicators-that-tell-you-something',
	],
}

export async function seed(db: Kysely<Database>, options: { passwordHash?: string } = {}) {
	const passwordHash = options.passwordHash ?? (await hash(DEMO_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 }))
	const now = new Date().toISOString()
	const counts = { users: 0, cohorts: 0, delegations: 0, members: 0 }

	await db.transaction().execute(async (trx) => {
		const addUser = async (p: SeedPerson, isStaff = false) => {
			const result = await trx
				.insertInto('users')
				.values({
					id: p.id,
					email: p.email,
					name: p.name,
					password_hash: passwordHash,
					is_staff: isStaff ? 1 : 0,
					language: p.language,
					created_at: now,
				})
				.onConflict((oc) => oc.doNothing())
				.executeTakeFirst()
			counts.users += Number(result.numInsertedOrUpdatedRows ?? 0)
		}

		for (const cohort of COHORTS) {
			const result = await trx
				.insertInto('cohorts')
				.values({ ...cohort, created_at: now, updated_at: now })
				.onConflict((oc) => oc.doNothing())
				.executeTakeFirst()
			counts.cohorts += Number(result.numInsertedOrUpdatedRows ?? 0)
		}
		for (const staff of STAFF) await addUser(staff, true)
		for (const facilitator of FACILITATORS) {
			await addUser(facilitator)
			for (const cohortId of facilitator.cohorts) {
				await trx
					.insertInto('cohort_facilitators')
					.values({ cohort_id: cohortId, user_id: facilitator.id, created_at: now })
					.onConflict((oc) => oc.doNothing())
					.execute()
			}
		}
		for (const delegation of DELEGATIONS) {
			const delegationId = `${delegation.cohortId}-${delegation.country.toLowerCase()}`
			const result = await trx
				.insertInto('delegations')
				.values({
					id: delegationId,
					cohort_id: delegation.cohortId,
					country_code: delegation.country,
					nap_status: delegation.country === 'TT' ? 'implementing' : delegation.cohortId === 'panama-2025' ? 'drafting' : 'no_plan',
					created_at: now,
				})
				.onConflict((oc) => oc.doNothing())
				.executeTakeFirst()
			counts.delegations += Number(result.numInsertedOrUpdatedRows ?? 0)
			for (const [index, member] of delegation.members.entries()) {
				await addUser(member)
				const added = await trx
					.insertInto('delegation_members')
					.values({
						delegation_id: delegationId,
						user_id: member.id,
						sector: member.sector!,
						organisation: member.organisation ?? '',
						position: member.position ?? '',
						is_lead: index === 0 ? 1 : 0,
						joined_at: now,
					})
					.onConflict((oc) => oc.doNothing())
					.executeTakeFirst()
				counts.members += Number(added.numInsertedOrUpdatedRows ?? 0)
			}
		}
		for (const [email, lessons] of Object.entries(DEMO_PROGRESS)) {
			const user = DELEGATIONS.flatMap((d) => d.members).find((m) => m.email === email)!
			for (const lessonKey of lessons) {
				await trx
					.insertInto('lesson_progress')
					.values({
						user_id: user.id,
						lesson_key: lessonKey,
						first_viewed_at: now,
						last_viewed_at: now,
						completed_at: now,
					})
					.onConflict((oc) => oc.doNothing())
					.execute()
			}
		}
		await seedRoadmapsAndAssistance(trx, now)
	})
	return counts
}

type Trx = Parameters<Parameters<ReturnType<Kysely<Database>['transaction']>['execute']>[0]>[0]

/** A partly built roadmap for Panama, Trinidad and Tobago's implemented one, and a few TA requests. */
async function seedRoadmapsAndAssistance(trx: Trx, now: string) {
	// Through the roadmap's one write path, so the history records every item as created.
	const roadmap = async (
		delegationId: string,
		currency: string,
		items: Array<{ id: string; kind: Kind; parent?: string; data: ItemData }>,
	) => {
		const tree = (parent: string | undefined): ItemTree[] =>
			items
				.filter((item) => item.parent === parent)
				.map((item) => ({ id: item.id, kind: item.kind, data: item.data, children: tree(item.id) }))
		return createRoadmap(trx, { delegationId, language: 'en', userId: null, currency, items: tree(undefined) })
	}
	const pillars = (prefix: string, names: string[]) =>
		names.map((name, i) => ({ id: `${prefix}-pillar-${i + 1}`, kind: 'pillar' as const, data: { name } }))
	await roadmap('panama-2025-pa', 'USD', [
		{
			id: 'pa-toc',
			kind: 'toc',
			data: {
				problem: 'Las mujeres están subrepresentadas en las instituciones de seguridad y en los espacios de decisión sobre paz.',
				change: 'Mujeres participan en condiciones de igualdad en la prevención de la violencia y la toma de decisiones sobre seguridad.',
			},
		},
		{
			id: 'pa-pathway-1',
			kind: 'pathway',
			data: {
				if: 'las instituciones de seguridad adoptan metas de reclutamiento con paridad',
				then: 'más mujeres llegarán a mandos medios',
				because: 'la representación cambia prioridades y culturas institucionales',
			},
		},
		...pillars('pa', ['Prevención', 'Participación', 'Protección', 'Socorro y recuperación']),
		{
			id: 'pa-objective-1',
			kind: 'objective',
			parent: 'pa-pillar-2',
			data: { statement: 'Aumentar la participación de mujeres en el Ministerio de Seguridad Pública al 30 % en 2030' },
		},
		{
			id: 'pa-action-1',
			kind: 'action',
			parent: 'pa-objective-1',
			data: {
				description: 'Programa de reclutamiento con enfoque de género',
				lead: 'Ministerio de Seguridad Pública',
				partners: 'Ministerio de la Mujer',
				start: '2026-Q1',
				end: '2027-Q4',
				status: 'planned',
				// Two sources, one committed: USD 80,000 from the national budget, 40,000 asked of cooperation.
				costs: [
					{ amount: 8000000, source: 'national_budget', committed: true },
					{ amount: 4000000, source: 'international_cooperation', committed: false },
				],
				level: 'national',
				places: '',
			},
		},
		{
			id: 'pa-indicator-1',
			kind: 'indicator',
			parent: 'pa-objective-1',
			data: {
				statement: 'Porcentaje de mujeres en el personal uniformado',
				type: 'outcome',
				measure: 'percent',
				unit: '%',
				baselineValue: '',
				baselineYear: null,
				targetValue: '30',
				targetYear: 2030,
				means: 'Registro de personal del Ministerio',
				frequency: 'annual',
				reporter: 'Ministerio de Seguridad Pública',
			},
		},
	])
	// Trinidad and Tobago's roadmap as it stood when the convening closed; what the alumni did since follows below.
	const tt = await roadmap('port-of-spain-2024-tt', 'TTD', [
		{
			id: 'tt-toc',
			kind: 'toc',
			data: {
				problem: 'Gun and gang violence harms women and girls, who are rarely part of security decisions.',
				change: 'Women shape and benefit from security policy at national and community level.',
			},
		},
		...pillars('tt', ['Prevention', 'Participation', 'Protection', 'Relief and recovery']),
		{
			id: 'tt-objective-1',
			kind: 'objective',
			parent: 'tt-pillar-1',
			data: { statement: 'Reduce gender-based violence linked to firearms in priority communities' },
		},
		{
			id: 'tt-action-1',
			kind: 'action',
			parent: 'tt-objective-1',
			data: {
				description: 'Community safety dialogues led by women’s groups',
				lead: 'Office of the Prime Minister (Gender and Child Affairs)',
				partners: 'Ministry of National Security',
				start: '2025-Q2',
				end: '2026-Q4',
				status: 'planned',
				costs: [{ amount: 25000000, source: 'national_budget', committed: true }],
				level: 'community',
				places: '',
			},
		},
		{
			id: 'tt-action-2',
			kind: 'action',
			parent: 'tt-objective-1',
			data: {
				description: 'Referral pathway for survivors of firearm-related violence',
				lead: 'Ministry of Health',
				partners: 'Trinidad and Tobago Police Service; women’s shelters',
				start: '2025-Q3',
				end: '2026-Q2',
				status: 'planned',
				costs: [{ amount: 12000000, source: 'international_cooperation', committed: false }],
				level: 'national',
				places: '',
			},
		},
		{
			id: 'tt-indicator-1',
			kind: 'indicator',
			parent: 'tt-objective-1',
			data: {
				statement: 'Number of community safety dialogues held',
				type: 'output',
				measure: 'number',
				unit: 'dialogues',
				baselineValue: '0',
				baselineYear: 2025,
				targetValue: '40',
				targetYear: 2026,
				means: 'Programme reports',
				frequency: 'quarterly',
				reporter: 'Gender and Child Affairs',
			},
		},
		{
			id: 'tt-mechanism',
			kind: 'mechanism',
			data: {
				name: 'WPS National Coordination Mechanism',
				lead: 'Office of the Prime Minister (Gender and Child Affairs)',
				frequency: 'quarterly',
				decisions: 'Consensus, recorded in minutes',
				civilSociety: 'Civil-society members sit on the mechanism',
			},
		},
	])
	// Trinidad and Tobago's alumni have reported its indicator each quarter since the dialogues began
	// (invented figures), through the same write path as the implementation page; the latest quarters are still to come.
	const ttReported = await trx
		.selectFrom('implementation_updates')
		.select('id')
		.where('roadmap_id', '=', 'roadmap-port-of-spain-2024-tt')
		.where('kind', '=', 'indicator_value')
		.executeTakeFirst()
	if (!ttReported) {
		for (const [period, value, dated] of [
			['2025-Q2', '3', '2025-07-08'],
			['2025-Q3', '9', '2025-10-07'],
			['2025-Q4', '16', '2026-01-09'],
			['2026-Q1', '21', '2026-04-08'],
		] as const) {
			const result = await applyChange(trx, 'roadmap-port-of-spain-2024-tt', 'user-alumni-tt', {
				type: 'report',
				id: 'tt-indicator-1',
				period,
				value,
				dated,
				source: 'Programme reports (Gender and Child Affairs)',
			})
			if (!result.ok) throw new Error(`seed: the report for ${period} was refused`)
		}
	}
	// Every other delegation has its roadmap from the start, with the four usual pillars in its language.
	for (const delegation of DELEGATIONS) {
		const delegationId = `${delegation.cohortId}-${delegation.country.toLowerCase()}`
		const language = delegation.members[0]!.language
		await createRoadmap(trx, {
			delegationId,
			language,
			userId: null,
			items: DEFAULT_PILLARS[language].map((name, i) => ({ id: `${delegationId}-pillar-${i + 1}`, kind: 'pillar', data: { name } })),
		})
	}
	await closePortOfSpain(trx, { alumniUpdates: tt.created })
	const requests = [
		{
			id: 'ta-tt-me',
			delegation: 'port-of-spain-2024-tt',
			topic: 'monitoring-and-evaluation',
			section: 'monitoring',
			item: null,
			need: 'Technical workshop to finalise the M&E framework of our NAP 2025–2030 before its launch.',
			urgency: 'high',
			due: '2025-03-25',
			status: 'done',
			scheduled: '2025-03-24',
			created: '2025-02-10T10:00:00.000Z',
			done: '2025-03-25T17:00:00.000Z',
			by: 'user-alumni-tt',
		},
		{
			id: 'ta-tt-coord',
			delegation: 'port-of-spain-2024-tt',
			topic: 'institutional-coordination',
			section: 'coordination',
			item: 'tt-mechanism',
			need: 'Support to design the coordination mechanism and implementation strategies in the same March 2025 workshop.',
			urgency: 'high',
			due: '2025-03-25',
			status: 'done',
			scheduled: '2025-03-24',
			created: '2025-02-10T10:05:00.000Z',
			done: '2025-03-25T17:00:00.000Z',
			by: 'user-alumni-tt',
		},
		{
			id: 'ta-pa-costing',
			delegation: 'panama-2025-pa',
			topic: 'gender-budgeting',
			section: 'gender-budgeting',
			item: 'pa-action-1',
			need: 'Necesitamos apoyo para costear las líneas de acción y vincularlas con los programas presupuestarios del Ministerio.',
			urgency: 'medium',
			due: '2027-02-26',
			status: 'open',
			scheduled: null,
			created: now,
			done: null,
			by: 'user-delegate-pa',
		},
		{
			id: 'ta-bo-local',
			delegation: 'panama-2025-bo',
			topic: 'localization',
			section: 'localization',
			item: null,
			need: 'Queremos intercambiar con otra delegación sobre cómo llevar el plan a los gobiernos municipales.',
			urgency: 'low',
			due: null,
			status: 'scheduled',
			scheduled: '2027-01-20',
			created: now,
			done: null,
			by: 'user-delegate-bo',
		},
	] as const
	for (const r of requests) {
		const added = await trx
			.insertInto('assistance_requests')
			.values({
				id: r.id,
				delegation_id: r.delegation,
				section: r.section,
				item_id: r.item,
				topic: r.topic,
				need: r.need,
				urgency: r.urgency,
				due_date: r.due,
				language: r.delegation.startsWith('port') ? 'en' : 'es',
				format: r.topic === 'localization' ? 'peer_exchange' : r.delegation.startsWith('port') ? 'in_country_visit' : 'remote_session',
				status: r.status,
				scheduled_for: r.scheduled,
				assignee_id: r.status === 'open' ? null : 'user-staff',
				created_by: r.by,
				created_at: r.created,
				updated_at: r.done ?? r.created,
				done_at: r.done,
			})
			.onConflict((oc) => oc.doNothing())
			.executeTakeFirst()
		if (!Number(added.numInsertedOrUpdatedRows ?? 0)) continue
		await trx
			.insertInto('assistance_events')
			.values({ request_id: r.id, kind: 'created', to_value: 'open', user_id: r.by, created_at: r.created })
			.execute()
		if (r.status !== 'open') {
			await trx
				.insertInto('assistance_events')
				.values({
					request_id: r.id,
					kind: 'status',
					from_value: 'open',
					to_value: 'scheduled',
					body: r.scheduled,
					user_id: 'user-staff',
					created_at: r.created,
				})
				.execute()
		}
		if (r.status === 'done') {
			await trx
				.insertInto('assistance_events')
				.values({ request_id: r.id, kind: 'status', from_value: 'scheduled', to_value: 'done', user_id: 'user-staff', created_at: r.done! })
				.execute()
		}
	}
}

/**
 * The 2024 cohort closed on its last day: every roadmap of it frozen as its close snapshot (once).
 * Then — when Trinidad and Tobago's roadmap was created in this run — what its alumni recorded since,
 * through the roadmap's one write path: the dialogues started, the referral pathway delayed, and the
 * indicator's means of verification set by the M&E framework finalised at the March 2025 workshop.
 */
async function closePortOfSpain(trx: Trx, options: { alumniUpdates: boolean }) {
	const cohortId = 'port-of-spain-2024'
	const taken = await trx
		.selectFrom('roadmap_snapshots as s')
		.innerJoin('roadmaps as r', 'r.id', 's.roadmap_id')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select('s.id')
		.where('d.cohort_id', '=', cohortId)
		.where('s.reason', '=', 'close')
		.executeTakeFirst()
	if (!taken) {
		const cohort = COHORTS.find((c) => c.id === cohortId)!
		await snapshotCohortRoadmaps(trx, {
			cohortId,
			cohortName: cohort.name,
			userId: 'user-staff',
			createdAt: `${cohort.end_date}T22:00:00.000Z`,
		})
	}
	if (!options.alumniUpdates) return
	const roadmapId = 'roadmap-port-of-spain-2024-tt'
	const changes: Change[] = [
		{
			type: 'implementation',
			id: 'tt-action-1',
			status: 'in_progress',
			note: 'First dialogues held in two priority communities.',
			dated: '2025-04-10',
		},
		{
			type: 'implementation',
			id: 'tt-action-2',
			status: 'delayed',
			note: 'Waiting for the referral protocol to be agreed with the health authorities.',
			dated: '2025-06-30',
		},
		{
			type: 'update',
			id: 'tt-indicator-1',
			version: 1,
			section: 'monitoring',
			form: {
				statement: 'Number of community safety dialogues held',
				type: 'output',
				measure: 'number',
				unit: 'dialogues',
				baselineValue: '0',
				baselineYear: '2025',
				targetValue: '40',
				targetYear: '2026',
				means: 'Quarterly programme reports, checked against the M&E framework of March 2025',
				frequency: 'quarterly',
				reporter: 'Gender and Child Affairs',
			},
		},
	]
	for (const change of changes) {
		const result = await applyChange(trx, roadmapId, 'user-alumni-tt', change)
		if (!result.ok) throw new Error(`The seed's alumni update of ${roadmapId} was refused: ${JSON.stringify(result)}`)
	}
}

/**
 * A fresh demo Academy, migrated and seeded: in its own SQLite file (any old one there is replaced,
 * and the file is checkpointed so that it alone holds everything), or in an empty PostgreSQL
 * database given by URL. For the tests, the benchmark and Lighthouse.
 */
export async function createDemoDatabase(target: string) {
	if (isPostgresUrl(target)) {
		const connection = openDatabase(postgresConfig(target, { poolSize: 4, statementTimeoutMs: 60_000 }))
		await migrateToLatest(connection.db)
		await seed(connection.db)
		await connection.db.destroy()
		return
	}
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true })
	const sqlite = openSqlite(target)
	const db = createKysely(sqlite)
	await migrateToLatest(db)
	await seed(db)
	sqlite.pragma('wal_checkpoint(TRUNCATE)')
	await db.destroy()
}
