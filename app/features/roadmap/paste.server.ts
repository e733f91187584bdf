/**
 * The server side of pasting lines of action: the names a sheet may use (from both languages'
 * translations) and creating the rows, all or none, through the write primitive.
 */
import { type Kysely } from 'kysely'
import { applyChange } from '#app/features/roadmap/items.server.ts'
import { ACTION_STATUSES, FUNDING_SOURCES } from '#app/features/roadmap/kinds.ts'
import { PASTE_COLUMNS, type PastedAction, type PasteResult, type PasteVocabulary, rowToActionData } from '#app/features/roadmap/paste.ts'
import { parsePaste } from '#app/features/roadmap/paste-parser.server.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { LANGUAGES } from '#app/utils/i18n.ts'
import { nowIso } from '#app/utils/misc.ts'
import type { Database } from '#db/schema.ts'

let vocabulary: PasteVocabulary | null = null

function byCode<K extends string>(codes: readonly K[], names: (code: K) => string[]): Record<K, string[]> {
	return Object.fromEntries(codes.map((code) => [code, names(code)])) as Record<K, string[]>
}

/**
 * The column names and option labels of every language: a column by its short name, its aliases
 * and the form's label; an option by its code and its label (`roadmap.options.*`).
 */
export async function pasteVocabulary(): Promise<PasteVocabulary> {
	if (vocabulary) return vocabulary
	const ts = await Promise.all(LANGUAGES.map((language) => getT(language)))
	const names = (keys: (t: (typeof ts)[number]) => string[]) => ts.flatMap(keys)
	const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : [])
	vocabulary = {
		columns: byCode(PASTE_COLUMNS, (column) =>
			names((t) => [
				t(`roadmap.paste.columns.${column}`),
				t(`roadmap.fields.action.${column}`),
				...list(t(`roadmap.paste.aliases.${column}`, { returnObjects: true })),
			]),
		),
		source: byCode(FUNDING_SOURCES, (code) => names((t) => [t(`roadmap.options.source.${code}`)])),
		status: byCode(ACTION_STATUSES, (code) => names((t) => [t(`roadmap.options.status.${code}`)])),
	}
	return vocabulary
}

export async function readPaste(text: string, currency: string): Promise<PasteResult> {
	return parsePaste(text, { currency, vocabulary: await pasteVocabulary() })
}

export type PasteParent = { ok: true } | { ok: false; reason: 'notFound' | 'badParent' }

/** The item a paste goes under: an objective of this roadmap. */
export async function checkPasteParent(executor: Kysely<Database>, roadmapId: string, parentId: string): Promise<PasteParent> {
	const parent = await executor
		.selectFrom('roadmap_items')
		.select('kind')
		.where('roadmap_id', '=', roadmapId)
		.where('id', '=', parentId)
		.executeTakeFirst()
	if (!parent) return { ok: false, reason: 'notFound' }
	return parent.kind === 'objective' ? { ok: true } : { ok: false, reason: 'badParent' }
}

export type PasteCreated = { ok: true; count: number } | { ok: false; reason: 'notFound' | 'badParent' | 'conflict' }

class Refused extends Error {
	constructor(readonly reason: 'notFound' | 'badParent' | 'conflict') {
		super(reason)
	}
}

/**
 * Creates the pasted lines of action under the objective, after its existing ones and in paste
 * order, in one transaction: each through `applyChange` (so each is validated again and recorded in
 * the history), and none if any is refused. `currency` is the one the rows' amounts were read in: if
 * the roadmap's changed meanwhile, nothing is created.
 */
export async function createPastedActions(
	executor: Kysely<Database>,
	input: { roadmapId: string; userId: string; parentId: string; currency: string; actions: PastedAction[] },
): Promise<PasteCreated> {
	try {
		const count = await executor.transaction().execute(async (trx) => {
			// Locks the roadmap's row first, so two pastes at once are appended one after the other.
			await trx.updateTable('roadmaps').set({ updated_at: nowIso() }).where('id', '=', input.roadmapId).execute()
			const roadmap = await trx.selectFrom('roadmaps').select('currency').where('id', '=', input.roadmapId).executeTakeFirst()
			if (!roadmap) throw new Refused('notFound')
			if (roadmap.currency !== input.currency) throw new Refused('conflict')
			const parent = await checkPasteParent(trx, input.roadmapId, input.parentId)
			if (!parent.ok) throw new Refused(parent.reason)
			for (const action of input.actions) {
				const result = await applyChange(trx, input.roadmapId, input.userId, {
					type: 'create',
					kind: 'action',
					parentId: input.parentId,
					data: rowToActionData(action),
				})
				if (!result.ok)
					throw new Refused(result.reason === 'notFound' ? 'notFound' : result.reason === 'badParent' ? 'badParent' : 'conflict')
			}
			return input.actions.length
		})
		return { ok: true, count }
	} catch (error) {
		if (error instanceof Refused) return { ok: false, reason: error.reason }
		throw error
	}
}
