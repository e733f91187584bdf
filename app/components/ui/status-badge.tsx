import { useTranslation } from 'react-i18next'

/** A cohort's status as text (never colour alone). */
export function StatusBadge({ status }: { status: string }) {
	const { t } = useTranslation()
	return <span className={`badge badge--${status}`}>{t(`cohortStatus.${status}`)}</span>
}
