/**
 * Rosters: a CSV list of people (pasted or uploaded) read into rows with one message per bad field,
 * and the bulk invitation that turns good rows into links, all or none.
 */
import { parse } from 'csv-parse/sync'
import { z } from 'zod'
import { type InvitationMailContext, type MailedInvitation, queueInvitationMails } from '#app/features/cohorts/invitation-mail.server.ts'
import { createInvitation } from '#app/features/cohorts/invitations.server.ts'
import { db } from '#app/utils/db.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import type { Sector } from '#db/schema.ts'

type RosterRow = {
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
	/** Who invites, from where: each invitation's mail is queued with it. */
	mail: InvitationMailContext
	days: number
}): Promise<NewLink[]> {
	return db.transaction().execute(async (trx) => {
		const links: NewLink[] = []
		const mailed: MailedInvitation[] = []
		for (const row of input.rows) {
			const { id, token, expiresAt } = await createInvitation(
				{
					cohortId: input.cohortId,
					delegationId: input.delegationId,
					role: 'delegate',
					email: row.email,
					name: row.name,
					sector: row.sector,
					organisation: row.organisation,
					position: row.position,
					createdBy: input.mail.inviter.id,
					days: input.days,
				},
				trx,
			)
			links.push({ name: row.name, email: row.email, token })
			mailed.push({ id, token, email: row.email, name: row.name, expiresAt })
		}
		await queueInvitationMails(trx, input.mail, mailed)
		return links
	})
}
