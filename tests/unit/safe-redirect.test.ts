import { expect, test } from 'vitest'
import { safeRedirect } from '#app/utils/misc.ts'

test('redirect targets stay on this site and are valid Location headers', () => {
	expect(safeRedirect('/cohorts/panama-2025?tab=1#x')).toBe('/cohorts/panama-2025?tab=1#x')
	expect(safeRedirect('/learn/ñandú?q=é')).toBe('/learn/%C3%B1and%C3%BA?q=%C3%A9')
	expect(safeRedirect('/a%20b')).toBe('/a%20b')
	// Dot segments are resolved, as a browser would, and the result is still this site's path.
	expect(safeRedirect('/learn/../cohorts')).toBe('/cohorts')
	expect(safeRedirect('/./home')).toBe('/home')
	// Queries may carry anything: they never change the host.
	expect(safeRedirect('/search?q=//evil.example')).toBe('/search?q=//evil.example')
	for (const to of ['/ñ', '/\uD800', '/a\nb', '/😀']) expect(() => new Headers({ Location: safeRedirect(to) })).not.toThrow()
})

const evil = [
	'//evil.example',
	'///evil.example',
	'/\\evil.example',
	'\\\\evil.example',
	'/\\/evil.example',
	'/.//evil.example',
	'/./\\evil.example',
	'/x/..//evil.example',
	'/x/../\\evil.example',
	'/%2E/%2Fevil.example',
	'/%2F%2Fevil.example',
	'/%2f/evil.example',
	'%2F%2Fevil.example',
	'/%5Cevil.example',
	'/%5C%5Cevil.example',
	'/\t/evil.example',
	'/\n/evil.example',
	'/\r\n/evil.example',
	'\t//evil.example',
	' //evil.example',
	'/%09/evil.example',
	'/.%2F/evil.example',
	'https://evil.example',
	'HTTPS://evil.example/home',
	'http:evil.example',
	'https:/evil.example',
	'javascript:alert(1)',
	'JaVaScRiPt:alert(1)',
	'java\tscript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'evil.example',
	'home',
	'',
	'%',
	'/%E0%A4%A',
	null,
	undefined,
]

test.each(evil.map((to) => [JSON.stringify(to), to]))('%s falls back to the default', (_name, to) => {
	expect(safeRedirect(to, '/home')).toBe('/home')
})

test('whatever it returns, a browser resolving it stays on this site', () => {
	const base = 'https://academy.example.org/roadmaps/1'
	for (const to of evil) {
		const target = safeRedirect(to, '/home')
		expect(new URL(target, base).origin, String(to)).toBe('https://academy.example.org')
	}
})
