/** What a sign-in limit is about (throttle.server.ts decides), for the message a person reads. */
export type ThrottleReason = 'account' | 'address' | 'device'

/** The translation key that says which limit was reached (with {{count}} minutes to wait). */
export function throttledMessage(reason: ThrottleReason | undefined) {
	return reason === 'address' ? 'throttle.address' : reason === 'device' ? 'throttle.device' : 'login.throttled'
}
