import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useParams } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { createSessionCookie, hashPassword } from '#app/features/auth/auth.server.ts'
import { judgePassword } from '#app/features/auth/password-strength.server.ts'
import { JoinSchema, newAccountSchema } from '#app/features/auth/schemas.ts'
import { db } from '#app/utils/db.server.ts'
import { countryName } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { acceptInvitation, findInvitation, InvitationUnavailableError, invitationState } from '#app/features/cohorts/invitations.server.ts'
import { getViewer } from '#app/utils/permissions.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'
import { AcceptInvitationForm } from './accept-invitation-form.tsx'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

async function loadInvitation(request: Request, token: string) {
	const viewer = await getViewer(request)
	const language = await getLanguage(request, viewer?.language)
	const t = await getT(language)
	const invitation = await findInvitation(token)
	const state = invitation ? invitationState(invitation) : 'unknown'
	const accountExists = invitation
		? Boolean(await db.selectFrom('users').select('id').where('email', '=', invitation.email).executeTakeFirst())
		: false
	return { viewer, language, t, invitation, state, accountExists }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, language, t, invitation, state, accountExists } = await loadInvitation(request, params.token ?? '')
	const status = state === 'unknown' ? 404 : state === 'valid' ? 200 : 410
	return data(
		{
			title: `${t('invite.title')} · ${t('app.name')}`,
			state,
			language,
			accountExists,
			viewerEmail: viewer?.email ?? null,
			invitation:
				invitation && state === 'valid'
					? {
							role: invitation.role,
							email: invitation.email,
							name: invitation.name,
							sector: invitation.sector,
							organisation: invitation.organisation,
							position: invitation.position,
							cohortName: invitation.cohortName,
							countryCode: invitation.countryCode,
						}
					: null,
		},
		{ status },
	)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const token = params.token ?? ''
	const { viewer, invitation, state, accountExists } = await loadInvitation(request, token)
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	const schema = intent === 'join' ? JoinSchema : newAccountSchema(judgePassword, invitation ? [invitation.email] : [])
	const submission = parseWithZod(formData, { schema })
	const hidden = ['password', 'confirmPassword']
	if (!invitation || state !== 'valid') {
		return data(
			{ result: submission.reply({ formErrors: [`invite.state.${state}`], hideFields: hidden }) },
			{ status: state === 'unknown' ? 404 : 410 },
		)
	}
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: hidden }) }, { status: 400 })
	}
	const value = submission.value
	const joiner = {
		sector: value.sector,
		organisation: value.organisation,
		position: value.position,
	}
	let userId: string
	let newUser: Parameters<typeof acceptInvitation>[0]['newUser']
	if (value.intent === 'join') {
		// An existing account joins: it must be the account the invitation was sent to.
		if (!viewer || viewer.email !== invitation.email) {
			return data({ result: submission.reply({ formErrors: ['invite.wrongAccount'] }) }, { status: 403 })
		}
		userId = viewer.id
	} else {
		if (accountExists) {
			return data({ result: submission.reply({ formErrors: ['invite.accountExists'], hideFields: hidden }) }, { status: 409 })
		}
		userId = crypto.randomUUID()
		newUser = {
			email: invitation.email,
			name: value.name,
			passwordHash: await hashPassword(value.password),
			language: value.language,
		}
	}
	try {
		await acceptInvitation({ invitationId: invitation.id, userId, newUser, joiner, request })
	} catch (error) {
		if (error instanceof InvitationUnavailableError) {
			return data({ result: submission.reply({ formErrors: ['invite.state.used'], hideFields: hidden }) }, { status: 410 })
		}
		if (String(error).includes('UNIQUE constraint failed: users.email')) {
			return data({ result: submission.reply({ formErrors: ['invite.accountExists'], hideFields: hidden }) }, { status: 409 })
		}
		throw error
	}
	const headers = new Headers()
	if (!viewer) headers.append('Set-Cookie', await createSessionCookie(userId, request))
	throw redirect('/home', { headers })
}

export default function InvitationPage() {
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const params = useParams()
	const language = useLanguage()
	const { invitation, state } = loaderData
	const creating = Boolean(invitation && !loaderData.viewerEmail && !loaderData.accountExists)

	if (!invitation) {
		return (
			<div className="page page--narrow">
				<h1>{t('invite.title')}</h1>
				<div className="alert alert--error" role="alert">
					<p>{t(`invite.state.${state}`)}</p>
				</div>
				<p>{t('invite.askFacilitator')}</p>
				<p>
					<Link to="/invite">{t('invite.enterCode')}</Link>
				</p>
			</div>
		)
	}

	const where = invitation.countryCode
		? t('invite.delegationOf', {
				country: countryName(invitation.countryCode, language),
				cohort: invitation.cohortName,
			})
		: t('invite.facilitatorOf', { cohort: invitation.cohortName })

	const wrongAccount = loaderData.viewerEmail && loaderData.viewerEmail !== invitation.email
	return (
		<div className="page page--narrow">
			<p className="eyebrow">{t('invite.eyebrow')}</p>
			<h1>{t('invite.title')}</h1>
			<p className="lead">{where}</p>
			<p>{t('invite.forEmail', { email: invitation.email })}</p>

			{wrongAccount ? (
				<div className="alert alert--error" role="alert">
					<p>{t('invite.wrongAccount')}</p>
					<Form method="post" action="/logout">
						<button className="button" type="submit">
							{t('nav.signOut')}
						</button>
					</Form>
				</div>
			) : !loaderData.viewerEmail && loaderData.accountExists ? (
				<div className="alert" role="status">
					<p>{t('invite.signInFirst')}</p>
					<Link
						className="button button--primary"
						to={`/login?${new URLSearchParams({ redirectTo: `/invite/${encodeURIComponent(params.token ?? '')}` })}`}
					>
						{t('nav.signIn')}
					</Link>
				</div>
			) : (
				<AcceptInvitationForm invitation={invitation} creating={creating} lastResult={actionData?.result} />
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
