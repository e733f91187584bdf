import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { Field } from '#app/components/ui/forms.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { type DelegationActionData, fieldErrorsOf } from './action-data.ts'

/** Invitations for a whole roster, pasted or uploaded as CSV: all rows or none, every problem listed. */
export function RosterImport({
	rosterHint,
	defaultDays,
	actionData,
}: {
	rosterHint: string
	defaultDays: number
	actionData?: DelegationActionData
}) {
	const { t } = useTexts()
	const posted = actionData?.intent === 'roster' ? actionData : undefined
	const errors = fieldErrorsOf(actionData, 'roster')
	return (
		<section className="panel" aria-labelledby="roster-heading">
			<h2 id="roster-heading">{t('roster.title')}</h2>
			<p>{rosterHint}</p>
			<pre className="example-csv" tabIndex={0} aria-label={t('roster.exampleLabel')}>
				name,email,sector,organisation,position{'\n'}Ana Example,ana@example.org,government,Ministry,Director
			</pre>
			{posted?.rosterErrors?.length ? <RosterProblems problems={posted.rosterErrors} /> : null}
			{posted && posted.imported ? (
				<p className="alert alert--success" role="status">
					{t('roster.imported', { count: posted.imported })}
				</p>
			) : null}
			<Form method="post" encType="multipart/form-data" className="stack">
				<input type="hidden" name="intent" value="roster" />
				<div className="field">
					<label htmlFor="roster-text">{t('roster.paste')}</label>
					<textarea id="roster-text" name="roster" rows={6} defaultValue={posted?.rosterText ?? ''} />
				</div>
				<Field
					label={t('roster.upload')}
					errors={errors?.file}
					inputProps={{ id: 'roster-file', name: 'file', type: 'file', accept: '.csv,text/csv,text/plain' }}
				/>
				<Field
					label={t('invitations.days')}
					errors={errors?.days}
					inputProps={{ id: 'roster-days', name: 'days', type: 'number', defaultValue: String(defaultDays) }}
				/>
				<button type="submit" className="button button--primary">
					{t('roster.submit')}
				</button>
			</Form>
		</section>
	)
}

function RosterProblems({ problems }: { problems: NonNullable<DelegationActionData['rosterErrors']> }) {
	const { t } = useTexts()
	return (
		<div className="alert alert--error" role="alert">
			<p>
				<strong>{t('roster.rejected', { count: problems.length })}</strong>
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
						{problems.map((error, index) => (
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
	)
}
