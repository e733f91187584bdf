import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ShareLink } from '#app/features/share/share-link.tsx'
import { type DelegationActionData } from './action-data.ts'

/** The links just created: shown once (their tokens are not stored), to copy or download as CSV. */
export function NewLinks({ cohortId, links }: { cohortId: string; links: NonNullable<DelegationActionData['links']> }) {
	const { t } = useTexts()
	return (
		<section className="panel new-links" aria-labelledby="new-links-heading">
			<h2 id="new-links-heading">{t('invitations.newLinks', { count: links.length })}</h2>
			<p>{t('invitations.copyNow')}</p>
			<p className="muted">{t('share.languageNote')}</p>
			<ul className="plain-list new-links__list">
				{links.map((link) => (
					<li key={link.token}>
						<ShareLink
							url={link.url}
							who={link.name || link.email}
							label={
								<>
									{link.name} &lt;{link.email}&gt;
								</>
							}
							share={{ text: link.shareText, title: link.shareTitle, language: link.language }}
						/>
					</li>
				))}
			</ul>
			<Form method="post" action={`/cohorts/${cohortId}/links.csv`} reloadDocument>
				{links.map((link) => (
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
	)
}
