import { useTexts } from '#app/utils/use-texts.tsx'

/** A bar with the number beside it; the number is what screen readers and print read. */
export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
	const { t } = useTexts()
	const percent = total ? Math.round((done / total) * 100) : 0
	return (
		<div className="progress">
			<progress max={total || 1} value={done} aria-label={label}>
				{percent}%
			</progress>
			<span className="progress__text">{t('progress.count', { done, total, percent })}</span>
		</div>
	)
}
