/** kebab-case ASCII slug: "Presupuesto sensible al género" → "presupuesto-sensible-al-genero". */
export function slugify(value: string) {
	return value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
}
