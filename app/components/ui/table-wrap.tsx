/** A table that may scroll sideways on a phone; focusable so keyboard users can scroll it too. */
export function TableWrap({ label, children }: { label: string; children: React.ReactNode }) {
	return (
		<div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
			{children}
		</div>
	)
}
