import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { ErrorList, FormErrors } from '#app/components/ui/forms.tsx'
import { deactivatePerson, erasePerson, reactivatePerson } from '#app/features/audit/personal-data.server.ts'
import { PersonActionSchema } from '#app/features/audit/schemas.ts'
import { permissionForIntent, requirePerson } from '#app/utils/access.server.ts'
import { countryName, formatDateTime } from '#app/utils/format.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/** A person, for staff: where they belong, the account's state, and deactivating, reactivating or erasing it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, person, intents } = await requirePerson(request, params.userId)
	const t = await getT(await getLanguage(request, viewer.language))
	const erased = person.state === 'erased'
	const name = erased ? t('personalData.formerParticipant') : person.name
	return {
		title: `${name} · ${t('app.name')}`,
		self: person.id === viewer.id,
		intents,
		person: {
			id: person.id,
			name,
			email: erased ? null : person.email,
			state: person.state,
			isStaff: person.isStaff,
			createdAt: person.created_at,
			lastLoginAt: person.last_login_at,
			deactivatedAt: person.deactivated_at,
			erasedAt: person.erased_at,
			memberships: person.memberships,
			facilitates: person.facilitates,
		},
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	const { viewer, person } = await requirePerson(request, params.userId, permissionForIntent('people', intent))
	const submission = parseWithZod(formData, { schema: PersonActionSchema })
	if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
	// Staff cannot lock themselves out (or erase themselves): another staff member does it.
	if (person.id === viewer.id) {
		return data({ intent, result: submission.reply({ formErrors: ['personalData.errors.self'] }) }, { status: 409 })
	}
	const by = { request, actor: viewer }
	const value = submission.value
	const done =
		value.intent === 'deactivate'
			? await deactivatePerson(person.id, by)
			: value.intent === 'reactivate'
				? await reactivatePerson(person.id, by)
				: await erasePerson(person.id, by)
	if (!done) return data({ intent, result: submission.reply({ formErrors: ['personalData.errors.state'] }) }, { status: 409 })
	throw redirect(`/people/${person.id}?done=${value.intent}`)
}

export default function Person() {
	const { person, self, intents } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const { t } = useTexts()
	const language = useLanguage()
	const done = searchParams.get('done')
	const confirming = searchParams.get('erase') === 'confirm' && person.state !== 'erased'
	const eraseErrors = actionData?.intent === 'erase' ? actionData.result.error : undefined
	const stateErrors = actionData && actionData.intent !== 'erase' ? actionData.result.error : undefined
	return (
		<div className="page">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/people">{t('personalData.peopleTitle')}</Link>
			</nav>
			<h1>{person.name}</h1>
			{done === 'deactivate' || done === 'reactivate' || done === 'erase' ? (
				<p role="status" className="alert alert--success">
					{t(`personalData.done.${done}`)}
				</p>
			) : null}
			<dl className="facts">
				<dt>{t('personalData.email')}</dt>
				<dd>{person.email ?? t('personalData.emailRemoved')}</dd>
				<dt>{t('personalData.state')}</dt>
				<dd>{t(`personalData.states.${person.state}`)}</dd>
				<dt>{t('personalData.createdAt')}</dt>
				<dd>{formatDateTime(person.createdAt, language)}</dd>
				<dt>{t('personalData.lastSignIn')}</dt>
				<dd>{person.lastLoginAt ? formatDateTime(person.lastLoginAt, language) : t('personalData.never')}</dd>
				{person.isStaff ? (
					<>
						<dt>{t('personalData.role')}</dt>
						<dd>{t('personalData.staff')}</dd>
					</>
				) : null}
			</dl>
			{person.memberships.length || person.facilitates.length ? (
				<section aria-labelledby="belongs-heading">
					<h2 id="belongs-heading">{t('personalData.belongs')}</h2>
					<ul>
						{person.memberships.map((m) => (
							<li key={m.delegationId}>
								<Link to={`/cohorts/${m.cohortId}/delegates/${person.id}`}>
									{t('personalData.memberOf', { country: countryName(m.country_code, language), cohort: m.cohortName })}
								</Link>
								{m.is_lead === 1 ? ` · ${t('personalData.lead')}` : null}
							</li>
						))}
						{person.facilitates.map((f) => (
							<li key={f.cohortId}>
								<Link to={`/cohorts/${f.cohortId}`}>{t('personalData.facilitatorOf', { cohort: f.cohortName })}</Link>
							</li>
						))}
					</ul>
				</section>
			) : null}
			<p>
				<Link to={`/audit?actor=${encodeURIComponent(person.id)}`}>{t('personalData.auditLink')}</Link>
			</p>
			{self ? (
				<p className="muted">{t('personalData.selfNote')}</p>
			) : person.state === 'erased' ? (
				<p className="muted">{t('personalData.erasedNote')}</p>
			) : (
				<section className="panel" aria-labelledby="account-heading">
					<h2 id="account-heading">{t('personalData.accountHeading')}</h2>
					<FormErrors errors={stateErrors?.[''] ?? undefined} />
					{person.state === 'active' && intents.deactivate ? (
						<Form method="post" className="stack">
							<p>{t('personalData.deactivateIntro')}</p>
							<input type="hidden" name="intent" value="deactivate" />
							<button type="submit" className="button">
								{t('personalData.deactivate')}
							</button>
						</Form>
					) : null}
					{person.state === 'deactivated' && intents.reactivate ? (
						<Form method="post" className="stack">
							<p>{t('personalData.deactivatedSince', { date: formatDateTime(person.deactivatedAt ?? '', language) })}</p>
							<input type="hidden" name="intent" value="reactivate" />
							<button type="submit" className="button">
								{t('personalData.reactivate')}
							</button>
						</Form>
					) : null}
					{intents.erase ? (
						<div className="stack">
							<h3>{t('personalData.eraseHeading')}</h3>
							<p>{t('personalData.eraseIntro')}</p>
							{confirming || actionData?.intent === 'erase' ? (
								<Form method="post" className="stack">
									<input type="hidden" name="intent" value="erase" />
									<label className="choice">
										<input
											type="checkbox"
											name="confirm"
											value="yes"
											aria-invalid={eraseErrors?.confirm ? true : undefined}
											aria-describedby={eraseErrors?.confirm ? 'erase-confirm-error' : undefined}
										/>
										<span>{t('personalData.eraseConfirm', { name: person.name })}</span>
									</label>
									<ErrorList id="erase-confirm-error" errors={eraseErrors?.confirm ?? undefined} />
									<FormErrors errors={eraseErrors?.[''] ?? undefined} />
									<button type="submit" className="button danger">
										{t('personalData.erase')}
									</button>
								</Form>
							) : (
								<p>
									<Link to="?erase=confirm" className="button">
										{t('personalData.eraseStart')}
									</Link>
								</p>
							)}
						</div>
					) : null}
				</section>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
