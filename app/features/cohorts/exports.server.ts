import { csvResponse, csvTimestamp } from '#app/utils/csv.server.ts'
import { cohortProgress } from '#app/features/progress/dashboard.server.ts'
import { db } from '#app/utils/db.server.ts'
import { countryName } from '#app/utils/format.ts'
import type { Language } from '#app/utils/i18n.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { invitationState } from '#app/features/cohorts/invitations.server.ts'

/** CSV exports of a cohort, built from the same numbers the dashboard shows. */

export async function rosterCsv(cohortId: string, language: Language) {
	const t = await getT(language)
	const progress = await cohortProgress(cohortId, language)
	const rows = progress.delegations.flatMap((delegation) =>
		delegation.delegates.map((d) => [
			countryName(delegation.countryCode, language),
			d.name,
			d.email,
			t(`sectors.${d.sector}`),
			d.organisation,
			d.position,
			d.isLead ? t('csv.yes') : t('csv.no'),
			csvTimestamp(d.lastLoginAt),
		]),
	)
	return csvResponse(
		`${cohortId}-roster.csv`,
		[
			t('csv.country'),
			t('csv.name'),
			t('csv.email'),
			t('csv.sector'),
			t('csv.organisation'),
			t('csv.position'),
			t('csv.lead'),
			t('csv.lastSignIn'),
		],
		rows,
	)
}

export async function progressCsv(cohortId: string, language: Language) {
	const t = await getT(language)
	const progress = await cohortProgress(cohortId, language)
	const rows = progress.delegations.flatMap((delegation) =>
		delegation.delegates.map((d) => [
			countryName(delegation.countryCode, language),
			d.name,
			d.email,
			// A number per module (never `3/3`, which spreadsheets read as a date); the header says of how many.
			...progress.modules.map((m) => d.byModule[m.slug] ?? 0),
			d.completed,
			progress.totalLessons,
			Math.round((d.completed / progress.totalLessons) * 100),
			csvTimestamp(d.lastActivityAt),
		]),
	)
	return csvResponse(
		`${cohortId}-progress.csv`,
		[
			t('csv.country'),
			t('csv.name'),
			t('csv.email'),
			...progress.modules.map((m) => t('csv.moduleLessons', { module: m.title, count: m.lessons })),
			t('csv.lessonsCompleted'),
			t('csv.lessonsTotal'),
			t('csv.percent'),
			t('csv.lastActivity'),
		],
		rows,
	)
}

export async function invitationsCsv(cohortId: string, language: Language) {
	const t = await getT(language)
	const invitations = await db
		.selectFrom('invitations as i')
		.leftJoin('delegations as d', 'd.id', 'i.delegation_id')
		.leftJoin('users as u', 'u.id', 'i.accepted_by')
		.select([
			'i.name',
			'i.email',
			'i.role',
			'i.created_at',
			'i.expires_at',
			'i.accepted_at',
			'i.revoked_at',
			'd.country_code',
			'u.name as acceptedBy',
		])
		.where('i.cohort_id', '=', cohortId)
		.orderBy('d.country_code')
		.orderBy('i.created_at')
		.execute()
	return csvResponse(
		`${cohortId}-invitations.csv`,
		[t('csv.country'), t('csv.name'), t('csv.email'), t('csv.status'), t('csv.invitedAt'), t('csv.expiresAt'), t('csv.acceptedAt')],
		invitations.map((i) => [
			i.country_code ? countryName(i.country_code, language) : '',
			i.name,
			i.email,
			t(`invitations.states.${invitationState(i)}`),
			csvTimestamp(i.created_at),
			csvTimestamp(i.expires_at),
			csvTimestamp(i.accepted_at),
		]),
	)
}

/** The links just created (their tokens are never stored, so they are only exportable right then). */
export async function linksCsv(cohortId: string, language: Language, links: Array<{ name: string; email: string; url: string }>) {
	const t = await getT(language)
	return csvResponse(
		`${cohortId}-invitation-links.csv`,
		[t('csv.name'), t('csv.email'), t('csv.link')],
		links.map((l) => [l.name, l.email, l.url]),
	)
}
