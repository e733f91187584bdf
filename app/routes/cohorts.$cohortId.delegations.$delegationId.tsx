import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { ErrorList, Field } from '#app/components/ui/forms.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import {
	delegationInvitations,
	delegationMembers,
	getDelegationInCohort,
	getInvitationInDelegation,
	inviteRows,
	type NewLink,
	parseRoster,
	type RosterError,
	reissueInvitation,
	removeMember,
	revokeInvitation,
	setNapStatus,
	takenEmails,
	updateMember,
} from '#app/features/cohorts/cohort-admin.server.ts'
import { NapStatusSchema } from '#app/features/cohorts/schemas.ts'
import { requireCohort } from '#app/features/cohorts/cohorts.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { countryName, formatDate, formatDateTime } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { DEFAULT_INVITATION_DAYS } from '#app/features/cohorts/invitations.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { invariantResponse } from '#app/utils/permissions.server.ts'
import { env } from '#app/utils/env.server.ts'
import { EmailSchema, NameSchema, OptionalText, SectorSchema } from '#app/utils/schemas.ts'
import { NAP_STATUSES, SECTORS } from '#app/utils/vocabularies.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

const MAX_ROSTER_BYTES = 1_000_000
const Days = z.coerce
	.number({ error: 'invitations.daysInvalid' })
	.int({ error: 'invitations.daysInvalid' })
	.min(1, { error: 'invitations.daysInvalid' })
	.max(90, { error: 'invitations.daysInvalid' })
	.default(DEFAULT_INVITATION_DAYS)

const InviteOneSchema = z.object({
	name: NameSchema,
	email: EmailSchema,
	sector: SectorSchema,
	organisation: OptionalText(200),
	position: OptionalText(200),
	days: Days,
})
const MemberSchema = z.object({
	userId: z.string().min(1).max(100),
	sector: SectorSchema,
	organisation: OptionalText(200),
	position: OptionalText(200),
	isLead: z.literal('on').optional(),
})

async function load(request: Request, params: { cohortId?: string; delegationId?: string }) {
	const { viewer, cohort } = await requireCohort(request, params.cohortId, 'manage')
	const delegation = await getDelegationInCohort(cohort.id, params.delegationId ?? '')
	invariantResponse(delegation)
	return { viewer, cohort, delegation }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort, delegation } = await load(request, params)
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const [members, invitations] = await Promise.all([delegationMembers(delegation.id), delegationInvitations(delegation.id)])
	return {
		title: `${countryName(delegation.country_code, language)} · ${cohort.name}`,
		cohort: { id: cohort.id, name: cohort.name },
		delegation,
		members,
		invitations,
		defaultDays: DEFAULT_INVITATION_DAYS,
		rosterHint: t('roster.hint'),
	}
}

function linkFor(request: Request, token: string) {
	const origin = env.APP_ORIGIN || new URL(request.url).origin
	return `${origin}/invite/${token}`
}

type ActionResult = {
	intent: string
	ok: boolean
	message?: string
	fieldErrors?: Record<string, string[]>
	rosterErrors?: RosterError[]
	imported?: number
	links?: Array<NewLink & { url: string }>
	rosterText?: string
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { viewer, delegation } = await load(request, params)
	const formData = await readFormData(request)
	const intent = String(formData.get('intent') ?? '')
	const reply = (result: ActionResult, status = 200) => data(result, { status })
	const withUrls = (links: NewLink[]) => links.map((link) => ({ ...link, url: linkFor(request, link.token) }))

	switch (intent) {
		case 'napStatus': {
			const parsed = NapStatusSchema.safeParse(formData.get('napStatus'))
			if (!parsed.success) return reply({ intent, ok: false, message: 'forms.statusInvalid' }, 400)
			await setNapStatus(delegation.id, parsed.data)
			return reply({ intent, ok: true, message: 'delegation.saved' })
		}
		case 'member': {
			const parsed = MemberSchema.safeParse(Object.fromEntries(formData))
			if (!parsed.success) {
				return reply({ intent, ok: false, message: parsed.error.issues[0]?.message ?? 'learn.errors.badRequest' }, 400)
			}
			const members = await delegationMembers(delegation.id)
			if (!members.some((m) => m.id === parsed.data.userId)) {
				return reply({ intent, ok: false, message: 'delegation.noSuchMember' }, 404)
			}
			await updateMember(delegation.id, parsed.data.userId, {
				sector: parsed.data.sector,
				organisation: parsed.data.organisation,
				position: parsed.data.position,
				isLead: Boolean(parsed.data.isLead),
			})
			return reply({ intent, ok: true, message: 'delegation.saved' })
		}
		case 'removeMember': {
			const userId = String(formData.get('userId') ?? '')
			const members = await delegationMembers(delegation.id)
			if (!members.some((m) => m.id === userId)) {
				return reply({ intent, ok: false, message: 'delegation.noSuchMember' }, 404)
			}
			await removeMember(delegation.id, userId)
			return reply({ intent, ok: true, message: 'delegation.memberRemoved' })
		}
		case 'inviteOne': {
			const parsed = InviteOneSchema.safeParse(Object.fromEntries(formData))
			if (!parsed.success) {
				const fieldErrors: Record<string, string[]> = {}
				for (const issue of parsed.error.issues) {
					const field = String(issue.path[0] ?? 'form')
					fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message]
				}
				return reply({ intent, ok: false, fieldErrors }, 400)
			}
			const taken = await takenEmails(delegation.id)
			if (taken.emails.has(parsed.data.email)) {
				return reply({ intent, ok: false, fieldErrors: { email: ['roster.errors.alreadyInvited'] } }, 409)
			}
			const links = await inviteRows({
				cohortId: delegation.cohort_id,
				delegationId: delegation.id,
				rows: [parsed.data],
				createdBy: viewer.id,
				days: parsed.data.days,
			})
			return reply({ intent, ok: true, links: withUrls(links) })
		}
		case 'roster': {
			const days = Days.safeParse(formData.get('days') || undefined)
			if (!days.success) return reply({ intent, ok: false, message: 'invitations.daysInvalid' }, 400)
			const file = formData.get('file')
			let text = String(formData.get('roster') ?? '')
			if (file && typeof file === 'object' && 'size' in file && file.size > 0) {
				if (file.size > MAX_ROSTER_BYTES) return reply({ intent, ok: false, message: 'roster.errors.tooBig' }, 413)
				text = await file.text()
			}
			if (text.length > MAX_ROSTER_BYTES) return reply({ intent, ok: false, message: 'roster.errors.tooBig' }, 413)
			const { rows, errors } = parseRoster(text, await takenEmails(delegation.id))
			if (errors.length) {
				// Nothing is imported while any row is wrong; the page lists every problem.
				return reply({ intent, ok: false, rosterErrors: errors, imported: 0, rosterText: text.slice(0, 100_000) }, 400)
			}
			const links = await inviteRows({
				cohortId: delegation.cohort_id,
				delegationId: delegation.id,
				rows,
				createdBy: viewer.id,
				days: days.data,
			})
			return reply({ intent, ok: true, imported: links.length, links: withUrls(links) })
		}
		case 'revoke':
		case 'reissue': {
			const invitation = await getInvitationInDelegation(delegation.id, String(formData.get('invitationId') ?? ''))
			if (!invitation) return reply({ intent, ok: false, message: 'invitations.notFound' }, 404)
			if (invitation.accepted_at) return reply({ intent, ok: false, message: 'invitations.alreadyAccepted' }, 409)
			if (intent === 'revoke') {
				await revokeInvitation(invitation.id)
				return reply({ intent, ok: true, message: 'invitations.revoked' })
			}
			const link = await reissueInvitation(invitation.id, viewer.id, DEFAULT_INVITATION_DAYS)
			return reply({ intent, ok: true, links: withUrls([link]) })
		}
		default:
			return reply({ intent, ok: false, message: 'learn.errors.badRequest' }, 400)
	}
}

export default function ManageDelegation() {
	const { cohort, delegation, members, invitations, defaultDays, rosterHint } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const language = useLanguage()
	const country = countryName(delegation.country_code, language)
	const sectorOptions = SECTORS.map((sector) => ({ value: sector, label: t(`sectors.${sector}`) }))
	const oneErrors = actionData?.intent === 'inviteOne' ? actionData.fieldErrors : undefined

	return (
		<div className="page">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/cohorts">{t('cohorts.title')}</Link> › <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
			</nav>
			<p className="eyebrow">{t('delegation.eyebrow')}</p>
			<h1>{country}</h1>

			{actionData?.message ? (
				<p className={`alert ${actionData.ok ? 'alert--success' : 'alert--error'}`} role={actionData.ok ? 'status' : 'alert'}>
					{t(actionData.message)}
				</p>
			) : null}

			{actionData?.links?.length ? (
				<section className="panel new-links" aria-labelledby="new-links-heading">
					<h2 id="new-links-heading">{t('invitations.newLinks', { count: actionData.links.length })}</h2>
					<p>{t('invitations.copyNow')}</p>
					<ul className="plain-list">
						{actionData.links.map((link) => (
							<li key={link.token} className="stack-sm">
								<label htmlFor={`link-${link.token}`}>
									{link.name} &lt;{link.email}&gt;
								</label>
								<input id={`link-${link.token}`} type="text" readOnly value={link.url} className="link-field" />
							</li>
						))}
					</ul>
					<Form method="post" action={`/cohorts/${cohort.id}/links.csv`} reloadDocument>
						{actionData.links.map((link) => (
							<span key={link.token}>
								<input type="hidden" name="name" value={link.name} />
								<input type="hidden" name="email" value={link.email} />
								<input type="hidden" name="url" value={link.url} />
							</span>
						))}
						<button type="submit" className="button">
							{t('invitations.downloadLinks')}
						</button>
					</Form>
				</section>
			) : null}

			<section className="panel" aria-labelledby="nap-heading">
				<h2 id="nap-heading">{t('delegation.napStatus')}</h2>
				<Form method="post" className="inline-fields">
					<input type="hidden" name="intent" value="napStatus" />
					<label htmlFor="napStatus" className="visually-hidden">
						{t('delegation.napStatus')}
					</label>
					<select id="napStatus" name="napStatus" defaultValue={delegation.nap_status}>
						{NAP_STATUSES.map((s) => (
							<option key={s} value={s}>
								{t(`napStatus.${s}`)}
							</option>
						))}
					</select>
					<button type="submit" className="button">
						{t('delegation.save')}
					</button>
				</Form>
			</section>

			<section aria-labelledby="members-heading">
				<h2 id="members-heading">{t('delegation.members', { count: members.length })}</h2>
				{members.length === 0 ? <p>{t('cohort.noMembers')}</p> : null}
				<ul className="card-list">
					{members.map((member) => (
						<li key={member.id} className="card">
							<h3>
								{member.name} {member.isLead ? <span className="badge badge--lead">{t('cohort.lead')}</span> : null}
							</h3>
							<p className="muted small">
								{member.email} ·{' '}
								{member.last_login_at
									? t('delegation.lastSignIn', { date: formatDateTime(member.last_login_at, language) })
									: t('delegation.neverSignedIn')}
							</p>
							<Form method="post" className="stack">
								<input type="hidden" name="intent" value="member" />
								<input type="hidden" name="userId" value={member.id} />
								<div className="field">
									<label htmlFor={`sector-${member.id}`}>{t('forms.sector')}</label>
									<select id={`sector-${member.id}`} name="sector" defaultValue={member.sector}>
										{sectorOptions.map((o) => (
											<option key={o.value} value={o.value}>
												{o.label}
											</option>
										))}
									</select>
								</div>
								<div className="field">
									<label htmlFor={`org-${member.id}`}>{t('forms.organisation')}</label>
									<input id={`org-${member.id}`} name="organisation" type="text" defaultValue={member.organisation} maxLength={200} />
								</div>
								<div className="field">
									<label htmlFor={`pos-${member.id}`}>{t('forms.position')}</label>
									<input id={`pos-${member.id}`} name="position" type="text" defaultValue={member.position} maxLength={200} />
								</div>
								<label className="choice">
									<input type="checkbox" name="isLead" value="on" defaultChecked={member.isLead} />
									<span>{t('delegation.isLead')}</span>
								</label>
								<button type="submit" className="button">
									{t('delegation.saveMember', { name: member.name })}
								</button>
							</Form>
							<Form method="post">
								<input type="hidden" name="intent" value="removeMember" />
								<input type="hidden" name="userId" value={member.id} />
								<button type="submit" className="link-button">
									{t('delegation.removeMember', { name: member.name })}
								</button>
							</Form>
						</li>
					))}
				</ul>
			</section>

			<section className="panel" aria-labelledby="invite-one-heading">
				<h2 id="invite-one-heading">{t('invitations.inviteOne')}</h2>
				<Form method="post" className="stack" noValidate>
					<input type="hidden" name="intent" value="inviteOne" />
					<SimpleField name="name" label={t('forms.name')} errors={oneErrors?.name} />
					<SimpleField name="email" type="email" label={t('forms.email')} errors={oneErrors?.email} />
					<div className="field">
						<label htmlFor="invite-sector">{t('forms.sector')}</label>
						<select
							id="invite-sector"
							name="sector"
							defaultValue=""
							aria-invalid={oneErrors?.sector ? true : undefined}
							aria-describedby={oneErrors?.sector ? 'invite-sector-error' : undefined}
						>
							<option value="">{t('forms.choose')}</option>
							{sectorOptions.map((o) => (
								<option key={o.value} value={o.value}>
									{o.label}
								</option>
							))}
						</select>
						<ErrorList id="invite-sector-error" errors={oneErrors?.sector} />
					</div>
					<SimpleField name="organisation" label={t('forms.organisation')} errors={oneErrors?.organisation} />
					<SimpleField name="position" label={t('forms.position')} errors={oneErrors?.position} />
					<SimpleField
						name="days"
						type="number"
						label={t('invitations.days')}
						defaultValue={String(defaultDays)}
						errors={oneErrors?.days}
					/>
					<button type="submit" className="button button--primary">
						{t('invitations.create')}
					</button>
				</Form>
			</section>

			<section className="panel" aria-labelledby="roster-heading">
				<h2 id="roster-heading">{t('roster.title')}</h2>
				<p>{rosterHint}</p>
				<pre className="example-csv" tabIndex={0} aria-label={t('roster.exampleLabel')}>
					name,email,sector,organisation,position{'\n'}Ana Example,ana@example.org,government,Ministry,Director
				</pre>
				{actionData?.intent === 'roster' && actionData.rosterErrors?.length ? (
					<div className="alert alert--error" role="alert">
						<p>
							<strong>{t('roster.rejected', { count: actionData.rosterErrors.length })}</strong>
						</p>
						<TableWrap label={t('roster.errorsTable')}>
							<table>
								<thead>
									<tr>
										<th scope="col">{t('roster.line')}</th>
										<th scope="col">{t('roster.field')}</th>
										<th scope="col">{t('roster.problem')}</th>
									</tr>
								</thead>
								<tbody>
									{actionData.rosterErrors.map((error, index) => (
										<tr key={index}>
											<td>{error.line}</td>
											<td>{t(`roster.fields.${error.field}`)}</td>
											<td>
												{t(error.message)}
												{error.value ? (
													<>
														{' '}
														— <code>{error.value}</code>
													</>
												) : null}
											</td>
										</tr>
									))}
								</tbody>
							</table>
						</TableWrap>
					</div>
				) : null}
				{actionData?.intent === 'roster' && actionData.ok ? (
					<p className="alert alert--success" role="status">
						{t('roster.imported', { count: actionData.imported ?? 0 })}
					</p>
				) : null}
				<Form method="post" encType="multipart/form-data" className="stack">
					<input type="hidden" name="intent" value="roster" />
					<div className="field">
						<label htmlFor="roster-text">{t('roster.paste')}</label>
						<textarea
							id="roster-text"
							name="roster"
							rows={6}
							defaultValue={actionData?.intent === 'roster' ? (actionData.rosterText ?? '') : ''}
						/>
					</div>
					<div className="field">
						<label htmlFor="roster-file">{t('roster.upload')}</label>
						<input id="roster-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
					</div>
					<SimpleField name="days" type="number" label={t('invitations.days')} defaultValue={String(defaultDays)} id="roster-days" />
					<button type="submit" className="button button--primary">
						{t('roster.submit')}
					</button>
				</Form>
			</section>

			<section aria-labelledby="invitations-heading">
				<h2 id="invitations-heading">{t('invitations.title', { count: invitations.length })}</h2>
				{invitations.length === 0 ? <p>{t('invitations.none')}</p> : null}
				{invitations.length ? (
					<TableWrap label={t('invitations.title', { count: invitations.length })}>
						<table>
							<thead>
								<tr>
									<th scope="col">{t('forms.name')}</th>
									<th scope="col">{t('invitations.state')}</th>
									<th scope="col">{t('invitations.actions')}</th>
								</tr>
							</thead>
							<tbody>
								{invitations.map((invitation) => (
									<tr key={invitation.id}>
										<td>
											{invitation.name || '—'}
											<div className="muted small">{invitation.email}</div>
										</td>
										<td>
											<span className={`badge badge--${invitation.state}`}>{t(`invitations.states.${invitation.state}`)}</span>
											<div className="muted small">
												{invitation.state === 'used' && invitation.accepted_at
													? t('invitations.acceptedOn', { date: formatDate(invitation.accepted_at, language, 'medium') })
													: invitation.state === 'valid'
														? t('invitations.expiresOn', { date: formatDate(invitation.expires_at, language, 'medium') })
														: null}
											</div>
										</td>
										<td>
											{invitation.state === 'valid' ? (
												<Form method="post" className="inline-form">
													<input type="hidden" name="intent" value="revoke" />
													<input type="hidden" name="invitationId" value={invitation.id} />
													<button type="submit" className="link-button">
														{t('invitations.revoke')}
													</button>
												</Form>
											) : null}{' '}
											{invitation.state !== 'used' ? (
												<Form method="post" className="inline-form">
													<input type="hidden" name="intent" value="reissue" />
													<input type="hidden" name="invitationId" value={invitation.id} />
													<button type="submit" className="link-button">
														{t('invitations.reissue')}
													</button>
												</Form>
											) : null}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</TableWrap>
				) : null}
			</section>
		</div>
	)
}

function SimpleField({
	name,
	label,
	type = 'text',
	errors,
	defaultValue,
	id,
}: {
	name: string
	label: string
	type?: string
	errors?: string[]
	defaultValue?: string
	id?: string
}) {
	return <Field label={label} errors={errors} inputProps={{ id: id ?? `invite-${name}`, name, type, defaultValue }} />
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
