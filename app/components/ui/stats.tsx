/** A row of headline numbers, each with its label. */
export function Stats({ items }: { items: Array<{ label: string; value: React.ReactNode }> }) {
	return (
		<dl className="stats">
			{items.map((item) => (
				<div key={item.label}>
					<dt>{item.label}</dt>
					<dd>{item.value}</dd>
				</div>
			))}
		</dl>
	)
}
