import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useId } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { type z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field } from '#app/components/ui/forms.tsx'
import { RoadmapHeader } from '#app/features/roadmap/roadmap-header.tsx'
import { CompareForm } from '#app/features/roadmap/snapshot-views.tsx'
import { SNAPSHOT_NAME_MAX, snapshotName, TakeSnapshotSchema } from '#app/features/roadmap/snapshots.ts'
import { listSnapshots, takeSnapshot } from '#app/features/roadmap/snapshots.server.ts'
import { permissionForIntent, requireRoadmap } from '#app/utils/access.server.ts'
import { db } from '#app/utils/db.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { delegation, roadmap, language, abilities } = await requireRoadmap(request, params.delegationId, 'inspect')
	const t = await getT(language)
	const snapshots = await listSnapshots(db, roadmap.id)
	const taken = Number(new URL(request.url).searchParams.get('taken'))
	return {
		title: `${t('snapshots.title')} · ${t('roadmap.title')}`,
		delegation,
		roadmap,
		canTake: abilities.snapshot,
		snapshots,
		taken: snapshots.find((s) => s.id === taken)?.id ?? null,
	}
}

/** Taking a snapshot on demand, for those who run the cohort: named, then back to the list. */
export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const { viewer, roadmap } = await requireRoadmap(request, params.delegationId, permissionForIntent('snapshots', formData.get('intent')))
	const submission = parseWithZod(formData, { schema: TakeSnapshotSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const id = await takeSnapshot(db, roadmap.id, { name: submission.value.name, reason: 'manual', userId: viewer.id })
	return redirect(`${new URL(request.url).pathname}?taken=${id}`)
}

export default function RoadmapSnapshots() {
	const { delegation, roadmap, canTake, snapshots, taken } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const language = useLanguage()
	const uid = useId()
	const base = `/roadmaps/${delegation.id}`
	const [form, fields] = useForm<z.input<typeof TakeSnapshotSchema>, z.output<typeof TakeSnapshotSchema>>({
		id: 'take-snapshot',
		lastResult: actionData?.result,
		constraint: getZodConstraint(TakeSnapshotSchema),
		shouldValidate: 'onBlur',
	})
	const defaultFrom = (snapshots.find((s) => s.reason === 'close') ?? snapshots[0])?.id
	return (
		<div className="page page--wide roadmap">
			<RoadmapHeader delegation={delegation} roadmap={roadmap} section="snapshots" />
			<h2>{t('snapshots.title')}</h2>
			<p className="lead">{t('snapshots.intro')}</p>
			{taken ? (
				<p className="alert alert--success" role="status">
					{t('snapshots.taken')} <Link to={`${base}/snapshots/compare?from=${taken}&to=now`}>{t('snapshots.compareWithNow')}</Link>
				</p>
			) : null}

			{snapshots.length ? (
				<CompareForm snapshots={snapshots} action={`${base}/snapshots/compare`} from={defaultFrom ? String(defaultFrom) : ''} to="now" />
			) : null}

			<section aria-labelledby={`${uid}-list`}>
				<h3 id={`${uid}-list`}>{t('snapshots.listTitle')}</h3>
				{snapshots.length ? (
					<ol className="plain-list snapshot-list">
						{snapshots.map((snapshot) => (
							<li key={snapshot.id} id={`snapshot-${snapshot.id}`} className="card">
								<p>
									<strong>{snapshotName(snapshot, language, t)}</strong>
								</p>
								<p className="small">
									{snapshot.reason === 'close'
										? t('snapshots.reason.close')
										: t('snapshots.reason.manual', { name: snapshot.createdBy ?? t('roadmap.history.system') })}{' '}
									· <time dateTime={snapshot.created_at}>{formatDateTime(snapshot.created_at, language)}</time> ·{' '}
									{t('snapshots.statusThen', { status: t(`roadmap.status.${snapshot.status}`) })}
								</p>
								<p>
									<Link to={`${base}/snapshots/compare?from=${snapshot.id}&to=now`}>{t('snapshots.compareWithNow')}</Link>
								</p>
							</li>
						))}
					</ol>
				) : (
					<p className="muted">{t('snapshots.none')}</p>
				)}
			</section>

			{canTake ? (
				<section className="panel" aria-labelledby={`${uid}-take`}>
					<h3 id={`${uid}-take`}>{t('snapshots.take.title')}</h3>
					<p>{t('snapshots.take.help')}</p>
					<Form method="post" {...getFormProps(form)} className="stack">
						<input type="hidden" name="intent" value="take" />
						<Field
							label={t('snapshots.take.name')}
							hint={t('snapshots.take.nameHint', { max: SNAPSHOT_NAME_MAX })}
							errors={fields.name.errors}
							inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'off' }}
						/>
						<button type="submit" className="button button--primary">
							{t('snapshots.take.submit')}
						</button>
					</Form>
				</section>
			) : null}

			<p>
				<Link to={`${base}/history`}>{t('roadmap.history.title')}</Link>
			</p>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
