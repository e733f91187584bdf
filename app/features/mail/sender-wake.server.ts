/**
 * A running sender registers here, and `queueMail` wakes it, so a message goes out a moment after
 * it is queued rather than at the next poll. Kept apart so the outbox does not import the sender.
 */
let wake: (() => void) | null = null

export function onMailQueued(callback: (() => void) | null) {
	wake = callback
}

export function wakeMailSender() {
	wake?.()
}
