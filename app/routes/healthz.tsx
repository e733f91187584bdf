import { sql } from 'kysely'
import { db } from '#app/utils/db.server.ts'

/** 200 with a small JSON body once the database answers; 503 otherwise. */
export async function loader() {
	try {
		await sql`select 1`.execute(db)
		return Response.json({ status: 'ok', database: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
	} catch (error) {
		if (!(error instanceof Response)) console.error('healthcheck failed', error)
		return Response.json(
			{ status: 'error', database: 'down' },
			{ status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '5' } },
		)
	}
}
