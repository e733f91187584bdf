/**
 * Running cohorts: creating and editing them, delegations, members and invitations. Routes check
 * permissions first (permissions.server.ts); these helpers also refuse ids that do not belong to the
 * cohort named in the URL, so a delegation or invitation of another cohort can never be reached.
 */
import { parse } from 'csv-parse/sync'
import { z } from 'zod'
import { db } from '#app/utils/db.server.ts'
import { createInvitation, invitationState } from '#app/features/cohorts/invitations.server.ts'
import { createRoadmap } from '#app/features/roadmap/items.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import { slugify } from '#app/utils/slugify.ts'
import { SECTORS } from '#app/utils/schemas.ts'
import type { CohortStatus, NapStatus, Sector } from '#db/schema.ts'

export const COHORT_STATUSES = ['planned', 'open', 'in_convening', 'closed'] as const
export const NAP_STATUSES = ['no_plan', 'drafting', 'adopted', 'implementing'] as const

export type CohortInput = {
	name: string
	hostCity: string
	hostCountry: string
	venue: string
	startDate: string
	endDate: string
	preworkDueDate: string | null
	status: CohortStatus
}

function cohortColumns(input: CohortInput) {
	return {
		name: input.name,
		host_city: input.hostCity,
		host_country: input.hostCountry,
		venue: input.venue || null,
		start_date: input.startDate,
		end_date: input.endDate,
		prework_due_date: input.preworkDueDate,
		status: input.status,
	}
}

async function uniqueCohortId(name: string, startDate: string) {
	const base = slugify(`${name} ${startDate.slice(0, 4)}`).slice(0, 60) || 'cohort'
	let id = base
	for (let n = 2; await db.selectFrom('cohorts').select('id').where('id', '=', id).executeTakeFirst(); n++) {
		id = `${base}-${n}`
	}
	return id
}

export async function createCohort(input: CohortInput) {
	const now = nowIso()
	const id = await uniqueCohortId(input.name, input.startDate)
	await db
		.insertInto('cohorts')
		.values({
			id,
			...cohortColumns(input),
			created_at: now,
			updated_at: now,
		})
		.execute()
	return id
}

export async function updateCohort(id: string, input: CohortInput) {
	await db
		.updateTable('cohorts')
		.set({ ...cohortColumns(input), updated_at: nowIso() })
		.where('id', '=', id)
		.execute()
}

/** People who can be made facilitators: everyone but the cohort's current facilitators. */
export async function facilitatorCandidates(cohortId: string) {
	return db
		.selectFrom('users')
		.select(['id', 'name', 'email'])
		.where('id', 'not in', db.selectFrom('cohort_facilitators').select('user_id').where('cohort_id', '=', cohortId))
		.orderBy('name')
		.execute()
}

export async function addFacilitator(cohortId: string, email: string) {
	const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
	if (!user) return { ok: false as const }
	await db
		.insertInto('cohort_facilitators')
		.values({ cohort_id: cohortId, user_id: user.id, created_at: nowIso() })
		.onConflict((oc) => oc.doNothing())
		.execute()
	return { ok: true as const }
}

export async function removeFacilitator(cohortId: string, userId: string) {
	await db.deleteFrom('cohort_facilitators').where('cohort_id', '=', cohortId).where('user_id', '=', userId).execute()
}

/** Adds a delegation with its roadmap (the four usual pillars in the language of `by`, who adds it). */
export async function addDelegation(
	cohortId: string,
	countryCode: string,
	napStatus: NapStatus,
	by: { userId: string; language: 'en' | 'es' },
) {
	const existing = await db
		.selectFrom('delegations')
		.select('id')
		.where('cohort_id', '=', cohortId)
		.where('country_code', '=', countryCode)
		.executeTakeFirst()
	if (existing) return { ok: false as const, id: existing.id }
	const id = `${cohortId}-${countryCode.toLowerCase()}`
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('delegations')
			.values({ id, cohort_id: cohortId, country_code: countryCode, nap_status: napStatus, created_at: nowIso() })
			.execute()
		await createRoadmap(trx, { delegationId: id, language: by.language, userId: by.userId })
	})
	return { ok: true as const, id }
}

/** The delegation, only if it belongs to the cohort. */
export async function getDelegationInCohort(cohortId: string, delegationId: string) {
	return db.selectFrom('delegations').selectAll().where('id', '=', delegationId).where('cohort_id', '=', cohortId).executeTakeFirst()
}

export async function setNapStatus(delegationId: string, napStatus: NapStatus) {
	await db.updateTable('delegations').set({ nap_status: napStatus }).where('id', '=', delegationId).execute()
}

export async function delegationMembers(delegationId: string) {
	const rows = await db
		.selectFrom('delegation_members as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.select(['u.id', 'u.name', 'u.email', 'u.last_login_at', 'm.sector', 'm.organisation', 'm.position', 'm.is_lead', 'm.joined_at'])
		.where('m.delegation_id', '=', delegationId)
		.orderBy('m.is_lead', 'desc')
		.orderBy('u.name')
		.execute()
	return rows.map(({ is_lead, ...row }) => ({ ...row, isLead: is_lead === 1 }))
}

export async function updateMember(
	delegationId: string,
	userId: string,
	input: { sector: Sector; organisation: string; position: string; isLead: boolean },
) {
	await db.transaction().execute(async (trx) => {
		if (input.isLead) {
			// One lead per delegation.
			await trx.updateTable('delegation_members').set({ is_lead: 0 }).where('delegation_id', '=', delegationId).execute()
		}
		await trx
			.updateTable('delegation_members')
			.set({
				sector: input.sector,
				organisation: input.organisation,
				position: input.position,
				is_lead: input.isLead ? 1 : 0,
			})
			.where('delegation_id', '=', delegationId)
			.where('user_id', '=', userId)
			.execute()
	})
}

export async function removeMember(delegationId: string, userId: string) {
	await db.deleteFrom('delegation_members').where('delegation_id', '=', delegationId).where('user_id', '=', userId).execute()
}

// -------------------------------------------------------------------------------------------------
// Invitations

export async function delegationInvitations(delegationId: string) {
	const rows = await db
		.selectFrom('invitations as i')
		.leftJoin('users as u', 'u.id', 'i.accepted_by')
		.select([
			'i.id',
			'i.email',
			'i.name',
			'i.sector',
			'i.organisation',
			'i.position',
			'i.created_at',
			'i.expires_at',
			'i.accepted_at',
			'i.revoked_at',
			'u.name as acceptedByName',
		])
		.where('i.delegation_id', '=', delegationId)
		.orderBy('i.created_at', 'desc')
		.execute()
	return rows.map((row) => ({ ...row, state: invitationState(row) }))
}

export type RosterRow = {
	name: string
	email: string
	sector: Sector
	organisation: string
	position: string
}

export type RosterError = { line: number; field: string; message: string; value?: string }

const SECTOR_WORDS: Record<string, Sector> = {
	government: 'government',
	gobierno: 'government',
	gov: 'government',
	civil_society: 'civil_society',
	'civil society': 'civil_society',
	'sociedad civil': 'civil_society',
	cso: 'civil_society',
	academia: 'academia',
	academic: 'academia',
	international_organisation: 'international_organisation',
	'international organisation': 'international_organisation',
	'international organization': 'international_organisation',
	'organismo internacional': 'international_organisation',
	'organización internacional': 'international_organisation',
}

export function parseSector(value: string): Sector | null {
	const key = value.trim().toLowerCase().replace(/\s+/g, ' ')
	return SECTOR_WORDS[key] ?? SECTOR_WORDS[key.replace(/-/g, ' ')] ?? null
}

const RosterEmail = z.email()

const HEADER_WORDS: Record<string, keyof RosterRow> = {
	name: 'name',
	nombre: 'name',
	email: 'email',
	'e-mail': 'email',
	correo: 'email',
	'correo electrónico': 'email',
	sector: 'sector',
	organisation: 'organisation',
	organization: 'organisation',
	organización: 'organisation',
	position: 'position',
	cargo: 'position',
}

/**
 * Reads a roster (CSV with the columns name, email, sector, organisation, position; a header row is
 * optional, in English or Spanish; comma or semicolon separated). Returns the good rows and one message
 * per bad field, with the line number a spreadsheet shows.
 */
export function parseRoster(
	text: string,
	taken: { emails: Set<string> } = { emails: new Set() },
): { rows: RosterRow[]; errors: RosterError[] } {
	const source = text.replace(/^\uFEFF/, '')
	if (!source.trim()) return { rows: [], errors: [{ line: 1, field: 'file', message: 'roster.errors.empty' }] }
	const firstLine = source.split(/\r?\n/, 1)[0] ?? ''
	const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
	let records: string[][]
	try {
		records = parse(source, {
			delimiter,
			relax_column_count: true,
			skip_empty_lines: false,
			trim: true,
		}) as string[][]
	} catch (error) {
		return {
			rows: [],
			errors: [{ line: (error as { lines?: number }).lines ?? 1, field: 'file', message: 'roster.errors.unreadable' }],
		}
	}
	let columns: Array<keyof RosterRow> = ['name', 'email', 'sector', 'organisation', 'position']
	let start = 0
	const header = records[0]?.map((cell) => HEADER_WORDS[cell.trim().toLowerCase()])
	if (header && header.some(Boolean)) {
		if (!header.includes('email')) {
			return { rows: [], errors: [{ line: 1, field: 'email', message: 'roster.errors.noEmailColumn' }] }
		}
		columns = header.map((column) => column ?? ('ignored' as keyof RosterRow))
		start = 1
	}
	const rows: RosterRow[] = []
	const errors: RosterError[] = []
	const seen = new Map<string, number>()
	for (let index = start; index < records.length; index++) {
		const record = records[index]!
		const line = index + 1
		if (record.every((cell) => !cell.trim())) continue
		const value = (column: keyof RosterRow) => record[columns.indexOf(column)]?.trim() ?? ''
		const rowErrors: RosterError[] = []
		const name = value('name')
		const email = value('email').toLowerCase()
		const sectorText = value('sector')
		if (!name) rowErrors.push({ line, field: 'name', message: 'roster.errors.nameMissing' })
		else if (name.length > 100) rowErrors.push({ line, field: 'name', message: 'roster.errors.nameTooLong' })
		if (!email) rowErrors.push({ line, field: 'email', message: 'roster.errors.emailMissing' })
		else if (!RosterEmail.safeParse(email).success || email.length > 254) {
			rowErrors.push({ line, field: 'email', message: 'roster.errors.emailInvalid', value: email })
		} else if (seen.has(email)) {
			rowErrors.push({ line, field: 'email', message: 'roster.errors.duplicate', value: `${email} (${seen.get(email)})` })
		} else if (taken.emails.has(email)) {
			rowErrors.push({ line, field: 'email', message: 'roster.errors.alreadyInvited', value: email })
		}
		const sector = sectorText ? parseSector(sectorText) : null
		if (!sectorText) rowErrors.push({ line, field: 'sector', message: 'roster.errors.sectorMissing' })
		else if (!sector) rowErrors.push({ line, field: 'sector', message: 'roster.errors.sectorUnknown', value: sectorText })
		const organisation = value('organisation')
		const position = value('position')
		if (organisation.length > 200 || position.length > 200) {
			rowErrors.push({ line, field: 'organisation', message: 'roster.errors.tooLong' })
		}
		if (email && !seen.has(email)) seen.set(email, line)
		if (rowErrors.length) errors.push(...rowErrors)
		else rows.push({ name, email, sector: sector!, organisation, position })
	}
	if (!rows.length && !errors.length) errors.push({ line: 1, field: 'file', message: 'roster.errors.empty' })
	return { rows, errors }
}

/** Emails that already belong to the delegation or hold a pending invitation to it. */
export async function takenEmails(delegationId: string) {
	const [members, pending] = await Promise.all([
		db
			.selectFrom('delegation_members as m')
			.innerJoin('users as u', 'u.id', 'm.user_id')
			.select('u.email')
			.where('m.delegation_id', '=', delegationId)
			.execute(),
		db
			.selectFrom('invitations')
			.select('email')
			.where('delegation_id', '=', delegationId)
			.where('accepted_at', 'is', null)
			.where('revoked_at', 'is', null)
			.where('expires_at', '>', nowIso())
			.execute(),
	])
	return { emails: new Set([...members, ...pending].map((row) => row.email)) }
}

export type NewLink = { name: string; email: string; token: string }

/** Creates one invitation per row in one transaction: all of them, or none. */
export async function inviteRows(input: {
	cohortId: string
	delegationId: string
	rows: RosterRow[]
	createdBy: string
	days: number
}): Promise<NewLink[]> {
	return db.transaction().execute(async (trx) => {
		const links: NewLink[] = []
		for (const row of input.rows) {
			const { token } = await createInvitation(
				{
					cohortId: input.cohortId,
					delegationId: input.delegationId,
					role: 'delegate',
					email: row.email,
					name: row.name,
					sector: row.sector,
					organisation: row.organisation,
					position: row.position,
					createdBy: input.createdBy,
					days: input.days,
				},
				trx,
			)
			links.push({ name: row.name, email: row.email, token })
		}
		return links
	})
}

/** The invitation, only if it belongs to the delegation. */
export async function getInvitationInDelegation(delegationId: string, invitationId: string) {
	return db
		.selectFrom('invitations')
		.selectAll()
		.where('id', '=', invitationId)
		.where('delegation_id', '=', delegationId)
		.executeTakeFirst()
}

export async function revokeInvitation(invitationId: string) {
	await db
		.updateTable('invitations')
		.set({ revoked_at: nowIso() })
		.where('id', '=', invitationId)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.execute()
}

/** A fresh link for the same person: the old one stops working. */
export async function reissueInvitation(invitationId: string, createdBy: string, days: number) {
	return db.transaction().execute(async (trx) => {
		const old = await trx.selectFrom('invitations').selectAll().where('id', '=', invitationId).executeTakeFirstOrThrow()
		if (!old.revoked_at && !old.accepted_at) {
			await trx.updateTable('invitations').set({ revoked_at: nowIso() }).where('id', '=', invitationId).execute()
		}
		const { token } = await createInvitation(
			{
				cohortId: old.cohort_id,
				delegationId: old.delegation_id,
				role: old.role,
				email: old.email,
				name: old.name,
				sector: old.sector,
				organisation: old.organisation,
				position: old.position,
				createdBy,
				days,
			},
			trx,
		)
		return { name: old.name, email: old.email, token }
	})
}

export { SECTORS }
