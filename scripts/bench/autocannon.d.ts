// The part of autocannon 8's API that scripts/bench/run.ts uses (the package ships no types, and
// @types/autocannon is not a dependency).
declare module 'autocannon' {
	export type Options = {
		url: string
		connections?: number
		/** Seconds. */
		duration?: number
		method?: 'GET' | 'POST'
		headers?: Record<string, string>
		body?: string
		/** Seconds before a request counts as a timeout. */
		timeout?: number
		/** Requests per second across all connections. */
		overallRate?: number
		/** Called once per connection as it is made (e.g. to give each its own headers). */
		setupClient?: (client: Client) => void
	}
	export type Client = { setHeaders(headers: Record<string, string>): void }
	export type Histogram = {
		average: number
		mean: number
		stddev: number
		min: number
		max: number
		total: number
		p50: number
		p90: number
		p97_5: number
		p99: number
	}
	export type Result = {
		url: string
		duration: number
		errors: number
		timeouts: number
		non2xx: number
		resets: number
		'2xx': number
		'3xx': number
		'4xx': number
		'5xx': number
		statusCodeStats: Record<string, { count: number }>
		/** Milliseconds. */
		latency: Histogram
		/** Requests per second, sampled every second. */
		requests: Histogram & { sent: number }
		throughput: Histogram
	}
	export default function autocannon(options: Options): Promise<Result>
}
