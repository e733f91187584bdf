import { useTexts } from '#app/utils/use-texts.tsx'

/** A cohort's status as text (never colour alone). */
export function StatusBadge({ status }: { status: string }) {
	const { t } = useTexts()
	return <span className={`badge badge--${status}`}>{t(`cohortStatus.${status}`)}</span>
}
