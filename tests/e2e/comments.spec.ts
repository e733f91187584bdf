import { type Browser, type Page } from '@playwright/test'
import { expect, loginAs, test } from './fixtures.ts'
import { expectNoSeriousViolations } from './axe.ts'

/**
 * Comment threads beside a roadmap item: a member of Panama's delegation starts a thread on an
 * action, the cohort's facilitator replies, the member resolves it, and the counts beside the action
 * follow — with JavaScript and without it (plain forms). Both people read the page in Spanish.
 */
const MEMBER = 'pa2@example.org'
const FACILITATOR = 'facilitator@example.org'
const ACTION = '#item-pa-action-1'

async function open(page: Page, path: string, javaScriptEnabled: boolean) {
	await page.goto(path)
	if (javaScriptEnabled) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
}

async function signedIn(browser: Browser, email: string, javaScriptEnabled: boolean) {
	const page = await (await browser.newContext({ javaScriptEnabled })).newPage()
	await loginAs(page, email)
	return page
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(`comment threads beside an action (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
		test.use({ javaScriptEnabled })

		test('a member starts a thread on an action, a facilitator replies, the member resolves it, and the counts follow', async ({
			page,
			browser,
		}) => {
			// Each run in a section of its own: the action's threads are the section's.
			const path = `/roadmaps/panama-2025-pa/${javaScriptEnabled ? 'strategic-design' : 'gender-budgeting'}`
			const question = `¿Quién financia el reclutamiento en 2027? (${javaScriptEnabled ? 'js' : 'html'})`

			// The member starts a thread from the action's "Comentar" fold.
			await loginAs(page, MEMBER)
			await open(page, path, javaScriptEnabled)
			const card = page.locator(ACTION)
			await expect(card.locator('.comment-count')).toHaveCount(0)
			// Only a link until asked for (the page holds no form nobody opened); a member who edits the
			// action starts a thread from its open form.
			const start = card.getByRole('link', { name: 'Comentar', exact: true })
			if (!(await start.count()))
				await card
					.getByRole('link', { name: /^Editar «/ })
					.first()
					.click()
			await start.click()
			const field = card.getByLabel('Su comentario sobre «Programa de reclutamiento con enfoque de género»')
			if (!javaScriptEnabled) {
				// Refused without JavaScript too: the message next to the field, the fold open, the text kept.
				await field.fill('')
				await card.getByRole('button', { name: 'Publicar el comentario' }).click()
				await expect(card.getByText('Primero escriba un comentario.')).toBeVisible()
				await expect(field).toBeVisible()
			}
			await field.fill(question)
			await card.getByRole('button', { name: 'Publicar el comentario' }).click()
			await expect(card.locator('.comment__body', { hasText: question })).toBeVisible()
			await expect(card.locator('.comment-count')).toHaveText('💬 1 comentario, 1 hilo abierto')

			// The facilitator sees the count beside the action, follows it to the thread and replies.
			const facilitator = await signedIn(browser, FACILITATOR, javaScriptEnabled)
			await open(facilitator, path, javaScriptEnabled)
			const theirCard = facilitator.locator(ACTION)
			await theirCard.getByRole('link', { name: '1 comentario, 1 hilo abierto' }).click()
			await expect(facilitator).toHaveURL(/#threads-pa-action-1$/)
			const thread = theirCard.locator('.thread', { hasText: question })
			await thread.locator('summary', { hasText: 'Responder' }).click()
			const reply = thread.getByLabel('Su respuesta a Pablo Ejemplo')
			if (!javaScriptEnabled) {
				const tooLong = `${'Demasiado largo. '.repeat(236)}`
				await reply.fill(tooLong)
				await thread.getByRole('button', { name: 'Publicar la respuesta' }).click()
				await expect(facilitator.getByText('Un comentario tiene como máximo 4.000 caracteres.')).toBeVisible()
				await expect(facilitator.locator(ACTION).getByLabel('Su respuesta a Pablo Ejemplo')).toHaveValue(tooLong)
			}
			await facilitator.locator(ACTION).getByLabel('Su respuesta a Pablo Ejemplo').fill('El presupuesto nacional; lo confirmamos en marzo.')
			await facilitator.locator(ACTION).getByRole('button', { name: 'Publicar la respuesta' }).click()
			const replies = facilitator.locator(ACTION).locator('.thread__replies')
			await expect(replies.locator('.comment__body')).toHaveText(['El presupuesto nacional; lo confirmamos en marzo.'])
			await expect(replies.locator('.comment__author')).toHaveText(['Fernando Ficticio'])
			await expect(facilitator.locator(ACTION).locator('.comment-count')).toHaveText('💬 2 comentarios, 1 hilo abierto')

			if (javaScriptEnabled) {
				// The page with a thread and its reply fold open has no serious accessibility violations.
				await facilitator.locator(ACTION).locator('.thread summary', { hasText: 'Responder' }).click()
				await expect(facilitator.locator(ACTION).getByLabel('Su respuesta a Pablo Ejemplo')).toBeVisible()
				await expectNoSeriousViolations(facilitator)
			}
			await facilitator.context().close()

			// The member reads the reply under the thread and resolves it; the counts follow.
			await open(page, path, javaScriptEnabled)
			const mine = page.locator(ACTION).locator('.thread', { hasText: question })
			await expect(mine.locator('.thread__replies .comment__body')).toHaveText(['El presupuesto nacional; lo confirmamos en marzo.'])
			await mine.getByRole('button', { name: 'Marcar como resuelto' }).click()
			await expect(page.locator(ACTION).locator('.thread', { hasText: question }).getByText('✓ resuelto por Pablo Ejemplo')).toBeVisible()
			await expect(page.locator(ACTION).locator('.comment-count')).toHaveText('💬 2 comentarios, 0 hilos abiertos')
			// The panel at the bottom lists the action among the items with threads.
			const panel = page.locator('#comments')
			await expect(panel.getByRole('heading', { name: 'Comentarios (0 abiertos)' })).toBeVisible()
			await expect(panel.getByRole('link', { name: 'Programa de reclutamiento con enfoque de género' })).toBeVisible()

			// Reopened, it counts as open again.
			await page.locator(ACTION).locator('.thread', { hasText: question }).getByRole('button', { name: 'Reabrir' }).click()
			await expect(page.locator(ACTION).locator('.comment-count')).toHaveText('💬 2 comentarios, 1 hilo abierto')
		})
	})
}
