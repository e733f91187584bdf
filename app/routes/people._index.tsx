import { type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { listPeople } from '#app/features/audit/personal-data.server.ts'
import { requirePeople } from '#app/utils/access.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/** Everyone with an account, for staff, searched by name or email. */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requirePeople(request)
	const t = await getT(await getLanguage(request, viewer.language))
	const search = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 200)
	const people = await listPeople(search)
	return {
		title: `${t('personalData.peopleTitle')} · ${t('app.name')}`,
		search,
		people: people.map((person) => ({
			id: person.id,
			name: person.name,
			email: person.state === 'erased' ? null : person.email,
			state: person.state,
			isStaff: person.isStaff,
			lastLoginAt: person.last_login_at,
		})),
	}
}

export default function People() {
	const { search, people } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<div className="page page--wide">
			<h1>{t('personalData.peopleTitle')}</h1>
			<p className="lead">{t('personalData.peopleIntro')}</p>
			<Form method="get" className="filters" role="search">
				<div className="field">
					<label htmlFor="people-q">{t('personalData.search')}</label>
					<input id="people-q" name="q" type="search" maxLength={200} defaultValue={search} />
				</div>
				<button type="submit" className="button">
					{t('personalData.searchSubmit')}
				</button>
			</Form>
			{people.length ? (
				<TableWrap label={t('personalData.peopleTitle')}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('personalData.name')}</th>
								<th scope="col">{t('personalData.email')}</th>
								<th scope="col">{t('personalData.state')}</th>
								<th scope="col">{t('personalData.lastSignIn')}</th>
							</tr>
						</thead>
						<tbody>
							{people.map((person) => (
								<tr key={person.id}>
									<td>
										<Link to={`/people/${person.id}`}>{person.state === 'erased' ? t('personalData.formerParticipant') : person.name}</Link>
										{person.isStaff ? <span className="muted small"> · {t('personalData.staff')}</span> : null}
									</td>
									<td>{person.email}</td>
									<td>{t(`personalData.states.${person.state}`)}</td>
									<td>{person.lastLoginAt ? formatDateTime(person.lastLoginAt, language) : t('personalData.never')}</td>
								</tr>
							))}
						</tbody>
					</table>
				</TableWrap>
			) : (
				<p role="status">{t('personalData.noPeople')}</p>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
