import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../chromium.ts'
import { answerKey, createDelegate, db, expect, loginAs, test } from './fixtures.ts'
import { expectNoSeriousViolations } from './axe.ts'

// The other browser tests block service workers (each would install one and precache the build);
// these are about the worker.
test.use({ serviceWorkers: 'allow' })

const MODULE_URL = '/learn/localization'
const LESSON_URL = '/learn/localization/what-localization-means'
const LESSON_KEY = 'localization/what-localization-means'
const [check] = answerKey('05-localization/01-what-localization-means.es.mdx')

/** Until the service worker has installed (assets kept) and controls the page. */
async function workerInCharge(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }))
		}
	})
}

test('the Academy can be installed on a phone: a manifest in the reader’s language and a service worker', async ({ page }, testInfo) => {
	const { email } = await createDelegate({ language: 'es' })
	await loginAs(page, email)
	const manifest = await page.request.get('/manifest.webmanifest').then((response) => response.json())
	expect(manifest).toMatchObject({ name: 'Academia PAN', lang: 'es', start_url: '/home', display: 'standalone' })

	// Chromium reports installability only outside a private window: a profile of its own.
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'academy-install-'))
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_FLAGS,
		baseURL: testInfo.project.use.baseURL,
	})
	try {
		const phone = context.pages()[0] ?? (await context.newPage())
		await phone.goto('/')
		await workerInCharge(phone)
		const cdp = await context.newCDPSession(phone)
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
		expect(installabilityErrors).toEqual([])
	} finally {
		await context.close()
		fs.rmSync(profile, { recursive: true, force: true })
	}
})

test('an answer kept offline is sent even when the first try after the connection returns fails', async ({ page }) => {
	const { id, email } = await createDelegate({ language: 'es' })
	await loginAs(page, email)
	await page.goto(LESSON_URL)
	await workerInCharge(page)
	await page.context().setOffline(true)
	const section = page.locator(`#check-${check!.id}`)
	for (const [index, option] of check!.options.entries()) {
		if (option.correct) await section.locator('input[name=option]').nth(index).check()
	}
	await section.getByRole('button', { name: 'Revisar mi respuesta' }).click()
	await expect(section.getByText('Pendiente de envío')).toBeVisible()

	// Venue Wi-Fi: the phone says it is online before anything gets through — the first try fails.
	const tries: string[] = []
	await page.route(
		(url) => url.pathname === LESSON_URL,
		async (route) => {
			if (route.request().method() !== 'POST') return route.fallback()
			tries.push(route.request().method())
			if (tries.length === 1) return route.abort('internetdisconnected')
			return route.fallback()
		},
	)
	await page.context().setOffline(false)
	// Tried again a moment later, without another "online" event or a reload.
	await expect(section.getByText('Correcto.')).toBeVisible({ timeout: 15_000 })
	await expect(section.getByText('Pendiente de envío')).toHaveCount(0)
	expect(tries).toHaveLength(2)
	const attempts = await db.selectFrom('check_attempts').select(['check_id', 'correct']).where('user_id', '=', id).execute()
	expect(attempts).toEqual([{ check_id: check!.id, correct: 1 }])
})

test('a delegate keeps a module, reads and answers on a bus with no signal, and each answer reaches the server once', async ({ page }) => {
	const { id, email } = await createDelegate({ language: 'es' })
	await loginAs(page, email)
	await page.goto(MODULE_URL)
	await workerInCharge(page)

	// The size first, then a progress bar, then what was kept.
	const panel = page.getByRole('region', { name: 'Guardar este módulo para leer sin conexión' })
	await panel.getByRole('button', { name: 'Guardar para leer sin conexión' }).click()
	await expect(panel.getByText(/^3 lecciones, unos [\d,]+ (KB|MB) en este teléfono\.$/)).toBeVisible()
	await panel.getByRole('button', { name: 'Guardar ahora' }).click()
	await expect(panel.getByText(/^Guardado: [\d,]+ (KB|MB) en este teléfono\./)).toBeVisible()
	await expectNoSeriousViolations(page)

	// No connection: the saved lesson opens, in Spanish, from the phone.
	await page.context().setOffline(true)
	await page.goto(LESSON_URL)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Qué significa localizar')
	await expect(page.locator('html')).toHaveAttribute('lang', 'es')

	// A check answered and a reflection written offline wait on the phone.
	const section = page.locator(`#check-${check!.id}`)
	for (const [index, option] of check!.options.entries()) {
		if (option.correct) await section.locator('input[name=option]').nth(index).check()
	}
	await section.getByRole('button', { name: 'Revisar mi respuesta' }).click()
	await expect(section.getByText('Pendiente de envío')).toBeVisible()
	const reflection = page.locator('#reflection-who-delivers')
	const typed = 'La salud primaria la prestan los municipios, que hoy no están en la mesa de redacción.'
	await reflection.getByRole('textbox').fill(typed)
	await reflection.getByRole('button', { name: 'Guardar reflexión' }).click()
	await expect(reflection.getByText('Pendiente de envío')).toBeVisible()

	// A page that was not kept: the offline page, which lists what was.
	await page.goto('/cohorts')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sin conexión')
	await expect(page.getByText('2 respuestas están pendientes de envío.')).toBeVisible()
	await expect(page.getByRole('link', { name: 'Qué significa localizar' })).toBeVisible()
	await expect(page.getByText('La página que abrió no está guardada en este teléfono.')).toBeVisible()
	await expectNoSeriousViolations(page)
	await page.getByRole('link', { name: 'Qué significa localizar' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Qué significa localizar')
	expect(await db.selectFrom('check_attempts').select('id').where('user_id', '=', id).execute()).toHaveLength(0)

	// The connection is back: both are sent, once, and the page shows the server's answer.
	await page.context().setOffline(false)
	await expect(section.getByText('Correcto.')).toBeVisible()
	await expect(page.getByText('Pendiente de envío')).toHaveCount(0)
	await page.reload()
	await expect(section.getByText('Correcto.')).toBeVisible()
	const attempts = await db.selectFrom('check_attempts').select(['check_id', 'correct']).where('user_id', '=', id).execute()
	expect(attempts).toEqual([{ check_id: check!.id, correct: 1 }])
	const reflections = await db
		.selectFrom('reflections')
		.select('body')
		.where('user_id', '=', id)
		.where('lesson_key', '=', LESSON_KEY)
		.execute()
	expect(reflections).toEqual([{ body: typed }])
	await expect(reflection.getByRole('textbox')).toHaveValue(typed)

	// Signing out empties the offline store: nothing of this delegate stays for the next person.
	await page.getByRole('button', { name: 'Cerrar sesión' }).click()
	await expect(page).toHaveURL(/\/$/)
	const left = await page.evaluate(async () => ({
		saved: await caches.has('academy-saved'),
		stored: Object.keys(localStorage).filter((key) => key.startsWith('academy-offline')),
	}))
	expect(left).toEqual({ saved: false, stored: [] })
})
