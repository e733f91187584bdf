import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'

export type ReceivedMail = { envelopeTo: string[]; raw: string; parsed: ParsedMail }

/**
 * A real SMTP server in the test's process, on a free port, that collects what it receives
 * (parsed with mailparser). `reject` makes it answer RCPT TO for an address with a 550.
 */
export async function startSmtpServer(
	options: { port?: number; reject?: (address: string) => boolean; onMessage?: (mail: ReceivedMail) => void } = {},
) {
	const received: ReceivedMail[] = []
	const config: SMTPServerOptions = {
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (options.reject?.(address.address)) {
				const error = Object.assign(new Error('5.1.1 Mailbox unavailable: no such user here'), { responseCode: 550 })
				return callback(error)
			}
			callback()
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = []
			stream.on('data', (chunk: Buffer) => chunks.push(chunk))
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8')
				simpleParser(raw)
					.then((parsed) => {
						const mail = { envelopeTo: session.envelope.rcptTo.map((to) => to.address), raw, parsed }
						received.push(mail)
						options.onMessage?.(mail)
						callback()
					})
					.catch(callback)
			})
		},
	}
	const server = new SMTPServer(config)
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject)
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
	})
	const port = (server.server.address() as AddressInfo).port
	return {
		port,
		url: `smtp://127.0.0.1:${port}`,
		received,
		/** Received messages addressed to `address`. */
		to: (address: string) => received.filter((mail) => mail.envelopeTo.includes(address)),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	}
}

/** A port nothing listens on (a down SMTP server): one the OS gave out and that was closed again. */
export async function freePort() {
	const net = await import('node:net')
	return new Promise<number>((resolve) => {
		const probe = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo
			probe.close(() => resolve(port))
		})
	})
}
