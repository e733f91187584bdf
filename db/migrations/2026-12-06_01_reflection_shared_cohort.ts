import { type Kysely } from 'kysely'

/**
 * A reflection shared with facilitators is shared with those of one cohort: the one the person was
 * in when they shared it (`shared_cohort_id`). Joining a later cohort does not show it to that
 * cohort's facilitators. Existing shared reflections get the cohort of the person's membership at
 * the time they were last saved (the latest joined on or before then), else their only, or first,
 * cohort. An index serves the cohort's reflections page.
 *
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('reflections')
		.addColumn('shared_cohort_id', 'text', (c) => c.references('cohorts.id').onDelete('set null'))
		.execute()
	const shared = (await db
		.selectFrom('reflections')
		.select(['user_id', 'lesson_key', 'reflection_id', 'updated_at'])
		.where('shared', '=', 1)
		.execute()) as Array<{ user_id: string; lesson_key: string; reflection_id: string; updated_at: string }>
	const memberships = (await db
		.selectFrom('delegation_members as m')
		.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
		.select(['m.user_id', 'm.joined_at', 'd.cohort_id'])
		.orderBy('m.joined_at')
		.execute()) as Array<{ user_id: string; joined_at: string; cohort_id: string }>
	for (const reflection of shared) {
		const own = memberships.filter((m) => m.user_id === reflection.user_id)
		const then = own.filter((m) => m.joined_at <= reflection.updated_at).at(-1) ?? own[0]
		if (!then) continue
		await db
			.updateTable('reflections')
			.set({ shared_cohort_id: then.cohort_id })
			.where('user_id', '=', reflection.user_id)
			.where('lesson_key', '=', reflection.lesson_key)
			.where('reflection_id', '=', reflection.reflection_id)
			.execute()
	}
	await db.schema.createIndex('reflections_shared_cohort').on('reflections').columns(['shared_cohort_id', 'updated_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('reflections_shared_cohort').execute()
	await db.schema.alterTable('reflections').dropColumn('shared_cohort_id').execute()
}
