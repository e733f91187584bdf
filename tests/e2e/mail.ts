import fs from 'node:fs'
import path from 'node:path'
import { expect } from '@playwright/test'
import { type ParsedMail, simpleParser } from 'mailparser'
import { E2E_MAIL_DIR } from './db.ts'

/** The messages the e2e SMTP server received for an address, oldest first, parsed. */
export async function mailTo(address: string): Promise<ParsedMail[]> {
	const files = fs.existsSync(E2E_MAIL_DIR) ? fs.readdirSync(E2E_MAIL_DIR).sort() : []
	const mine = files.filter((file) =>
		file
			.replace(/^\d+-/, '')
			.replace(/\.eml$/, '')
			.split(',')
			.includes(address),
	)
	return Promise.all(mine.map(async (file) => simpleParser(fs.readFileSync(path.join(E2E_MAIL_DIR, file)))))
}

/** Waits until `count` messages have arrived for an address (the app's sender runs in the background). */
export async function waitForMail(address: string, count = 1) {
	await expect
		.poll(async () => (await mailTo(address)).length, { timeout: 20_000, intervals: [250, 500, 1000] })
		.toBeGreaterThanOrEqual(count)
	return mailTo(address)
}
