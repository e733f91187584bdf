import { expect, test } from 'vitest'
import { safeRedirect } from '#app/utils/misc.ts'

test('redirect targets stay on this site and are valid Location headers', () => {
	expect(safeRedirect('/cohorts/panama-2025?tab=1#x')).toBe('/cohorts/panama-2025?tab=1#x')
	expect(safeRedirect('/learn/ñandú?q=é')).toBe('/learn/%C3%B1and%C3%BA?q=%C3%A9')
	expect(safeRedirect('/a%20b')).toBe('/a%20b')
	for (const evil of [
		'//evil.example',
		'/\\evil.example',
		'/\t/evil.example',
		'https://evil.example',
		'javascript:alert(1)',
		'',
		null,
		undefined,
	]) {
		expect(safeRedirect(evil, '/home')).toBe('/home')
	}
	for (const to of ['/ñ', '/\uD800', '/a\nb', '/😀']) expect(() => new Headers({ Location: safeRedirect(to) })).not.toThrow()
})
