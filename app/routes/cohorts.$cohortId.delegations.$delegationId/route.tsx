import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormErrors } from '#app/components/ui/forms.tsx'
import { delegationMembers } from '#app/features/cohorts/delegations.server.ts'
import { delegationInvitations } from '#app/features/cohorts/invitations.server.ts'
import { DEFAULT_INVITATION_DAYS, DelegationPageSchema } from '#app/features/cohorts/schemas.ts'
import { permissionForIntent, requireDelegation } from '#app/utils/access.server.ts'
import { BODY_LIMITS, readFormData } from '#app/utils/form-data.server.ts'
import { countryName } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'
import { type DelegationActionData, fieldErrorsOf } from './action-data.ts'
import * as intents from './actions.server.ts'
import { InviteOneForm } from './invite-one-form.tsx'
import { InvitationsTable } from './invitations-table.tsx'
import { Members } from './members.tsx'
import { NapStatusForm } from './nap-status-form.tsx'
import { NewLinks } from './new-links.tsx'
import { RosterImport } from './roster-import.tsx'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort, delegation } = await requireDelegation(request, params.cohortId, params.delegationId, 'manage')
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

export async function action({ request, params }: ActionFunctionArgs) {
	// The roster is uploaded here as a CSV file: the larger named limit.
	const formData = await readFormData(request, BODY_LIMITS.upload)
	const intent = formData.get('intent')
	const { viewer, delegation } = await requireDelegation(
		request,
		params.cohortId,
		params.delegationId,
		permissionForIntent('delegation', intent),
	)
	const submission = parseWithZod(formData, { schema: DelegationPageSchema })
	if (submission.status !== 'success') return intents.reply(String(intent), submission.reply(), {}, 400)
	const context = { request, viewer, delegation, submission }
	const input = submission.value
	switch (input.intent) {
		case 'napStatus':
			return intents.napStatus(context, input)
		case 'member':
			return intents.member(context, input)
		case 'removeMember':
			return intents.removeMemberIntent(context, input)
		case 'sendReset':
			return intents.sendReset(context, input)
		case 'inviteOne':
			return intents.inviteOne(context, input)
		case 'roster':
			return intents.roster(context, input)
		case 'revoke':
		case 'reissue':
			return intents.revokeOrReissue(context, input)
	}
}

export default function ManageDelegation() {
	const { cohort, delegation, members, invitations, defaultDays, rosterHint } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as DelegationActionData | undefined
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<div className="page">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/cohorts">{t('cohorts.title')}</Link> › <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
			</nav>
			<p className="eyebrow">{t('delegation.eyebrow')}</p>
			<h1>{countryName(delegation.country_code, language)}</h1>

			{actionData?.message ? (
				<p className="alert alert--success" role="status">
					{t(actionData.message, actionData.messageValues)}
				</p>
			) : null}
			<FormErrors errors={actionData?.result.error?.['']} />
			{actionData?.links?.length ? <NewLinks cohortId={cohort.id} links={actionData.links} /> : null}

			<NapStatusForm napStatus={delegation.nap_status} errors={fieldErrorsOf(actionData, 'napStatus')?.napStatus} />
			<Members members={members} actionData={actionData} />
			<InviteOneForm defaultDays={defaultDays} actionData={actionData} />
			<RosterImport rosterHint={rosterHint} defaultDays={defaultDays} actionData={actionData} />
			<InvitationsTable invitations={invitations} />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
