/**
 * The loader and the action of a roadmap section. The action tells its forms apart by `intent`;
 * item fields are checked by `applyChange` against the stored item's kind and this section.
 */
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { openRequestsByItem } from '#app/features/assistance/assistance.server.ts'
import { recordAudit } from '#app/features/audit/audit.server.ts'
import { openOffers } from '#app/features/assistance/offers.server.ts'
import { mailOrigin } from '#app/features/mail/outbox.server.ts'
import { delegationOfferAbilities, permissionForIntent, requireRoadmap } from '#app/utils/access.server.ts'
import { type ItemFeedback } from '#app/features/roadmap/item-values.tsx'
import { deletedNotice, deleteSummary } from '#app/features/roadmap/history.server.ts'
import { applyChange, type Change, type ChangeResult } from '#app/features/roadmap/items.server.ts'
import { liveCursor } from '#app/features/roadmap/live.server.ts'
import { isKind, KINDS, type Section, SECTIONS, SECTION_MODULE } from '#app/features/roadmap/kinds.ts'
import {
	addComment,
	budgetTotals,
	buildTree,
	completeness,
	indicatorReports,
	indicatorsOverTime,
	reportingCalendar,
	roadmapComments,
	roadmapItems,
	setCommentResolved,
	type Tree,
} from '#app/features/roadmap/roadmap.server.ts'
import { CurrencySchema, type FormInput, KindSchema } from '#app/features/roadmap/schemas.ts'
import { PASTE_MAX_CHARS, type PastedAction, type PasteResult } from '#app/features/roadmap/paste.ts'
import { checkPasteParent, createPastedActions, readPaste } from '#app/features/roadmap/paste.server.ts'
import { commentThreads, type CommentThread } from '#app/features/roadmap/threads.ts'
import { db } from '#app/utils/db.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { invariantResponse } from '#app/utils/permissions.server.ts'

export function sectionOf(value: string | undefined): Section {
	const section = SECTIONS.find((s) => s === value)
	invariantResponse(section)
	return section
}

export async function loadSection(request: Request, params: { delegationId?: string; section?: string }) {
	const section = sectionOf(params.section)
	const { viewer, delegation, roadmap, language, abilities } = await requireRoadmap(request, params.delegationId, 'view')
	const offerAbilities = delegationOfferAbilities(viewer, delegation)
	const t = await getT(language)
	const items = await roadmapItems(roadmap.id)
	// What the page reads and its forms start from: each item's id, version and fields, where it hangs.
	const tree = buildTree(items.map(({ id, kind, parentId, version, data }) => ({ id, kind, parentId, version, data })))
	const targets = commentTargets(tree, section)
	// A peer reading a shared roadmap (no `inspect`) gets the plan only: no comments, no deleted
	// items, no TA requests, no live stream (which carries the history and who is there).
	const inspect = abilities.inspect
	const threads = groupThreads(inspect ? commentThreads(await roadmapComments(roadmap.id, section)) : [], targets)
	// Around a delete (without JavaScript too): the confirmation of one with children, then the notice with Undo.
	const search = new URL(request.url).searchParams
	const confirmDelete = abilities.edit ? search.get('confirmDelete') : null
	const deleted = inspect ? Number(search.get('deleted')) : 0
	return {
		title: `${t(`roadmap.sections.${section}.title`)} · ${t('roadmap.title')}`,
		section,
		module: SECTION_MODULE[section],
		delegation,
		roadmap,
		abilities,
		tree,
		// The live stream starts after the history row this page was read at (none for a peer).
		liveAfter: inspect ? await liveCursor(roadmap.id) : null,
		// What only one section shows.
		totals: section === 'gender-budgeting' ? budgetTotals(tree) : null,
		gaps: completeness(tree).filter((gap) => gap.section === section),
		calendar: section === 'monitoring' ? reportingCalendar(tree, new Date().getUTCFullYear()) : null,
		// Each indicator's reported values over time, and the reports due once the convening is over.
		overTime:
			section === 'monitoring'
				? indicatorsOverTime(
						tree,
						await indicatorReports(roadmap.id),
						{ status: delegation.cohortStatus, endDate: delegation.cohortEndDate },
						new Date().toISOString().slice(0, 10),
					)
				: null,
		openTa: inspect ? await openRequestsByItem(delegation.id) : { byItem: {}, bySection: {} },
		// The Academy's open offers of assistance, beside their items (for those who see the delegation's requests).
		offers: { list: offerAbilities.view ? await openOffers(delegation.id) : [], canAnswer: offerAbilities.accept },
		// The bottom panel lists the items that have threads.
		commentTargets: targets.filter((target) => threads.threadsByItem[target.id]?.length),
		/** Whether the page has a comments panel at all: not for a peer, who reads the plan only. */
		showComments: inspect,
		...threads,
		confirmDelete: confirmDelete ? deleteSummary(items, confirmDelete) : null,
		deleted: Number.isSafeInteger(deleted) && deleted > 0 ? await deletedNotice(roadmap.id, deleted, items) : null,
	}
}

/**
 * The section's threads: those about an item shown in this section, by item (listed beside it), and
 * the rest — about the whole section, or about an item since deleted — for the panel at the bottom.
 */
function groupThreads(threads: CommentThread[], targets: Array<{ id: string }>) {
	const shown = new Set(targets.map((target) => target.id))
	const threadsByItem: Record<string, CommentThread[]> = {}
	const sectionThreads: CommentThread[] = []
	for (const thread of threads) {
		if (thread.item_id && shown.has(thread.item_id)) (threadsByItem[thread.item_id] ??= []).push(thread)
		else sectionThreads.push(thread)
	}
	return { threadsByItem, sectionThreads }
}

/** The items of a section a comment can be about, with a short label. */
function commentTargets(tree: Tree, section: Section) {
	const label = (value: unknown) => String(value ?? '').slice(0, 80)
	switch (section) {
		case 'theory-of-change':
			return [
				...tree.pathways.map((p) => ({ id: p.id, label: label(p.data.if) })),
				...tree.assumptions.map((a) => ({ id: a.id, label: label(a.data.text) })),
				...tree.risks.map((r) => ({ id: r.id, label: label(r.data.risk) })),
			]
		case 'strategic-design':
			return [
				...tree.pillars.map((p) => ({ id: p.id, label: label(p.data.name) })),
				...tree.objectives.map((o) => ({ id: o.id, label: label(o.data.statement) })),
				...tree.actions.map((a) => ({ id: a.id, label: label(a.data.description) })),
			]
		case 'gender-budgeting':
		case 'localization':
			return [
				...tree.actions.map((a) => ({ id: a.id, label: label(a.data.description) })),
				...(section === 'localization' ? tree.partners.map((p) => ({ id: p.id, label: label(p.data.name) })) : []),
			]
		case 'coordination':
			return [
				...(tree.mechanism ? [{ id: tree.mechanism.id, label: label(tree.mechanism.data.name) }] : []),
				...tree.members.map((m) => ({ id: m.id, label: label(m.data.institution) })),
				...tree.milestones.map((m) => ({ id: m.id, label: label(m.data.step) })),
			]
		case 'monitoring':
			return tree.indicators.map((i) => ({ id: i.id, label: label(i.data.statement) }))
	}
}

const id = z.string({ error: 'roadmap.errors.notFound' }).max(100)
const version = z.number({ error: 'roadmap.errors.badKind' }).int()
const formKey = z.string().max(200).optional()
const pasteRows = z.string({ error: 'roadmap.paste.errors.empty' }).max(PASTE_MAX_CHARS, { error: 'roadmap.paste.errors.textTooLong' })
const commentId = z.number({ error: 'roadmap.errors.notFound' }).int()
const commentBody = z
	.string({ error: 'roadmap.errors.commentEmpty' })
	.trim()
	.min(1, { error: 'roadmap.errors.commentEmpty' })
	.max(4000, { error: 'roadmap.errors.commentTooLong' })

/** The roadmap version a settings form (currency) was made from: a change from an older one is refused. */
const roadmapVersion = z.number({ error: 'roadmap.errors.badKind' }).int().nonnegative()

/** The forms of a section page. Item fields are not listed: which ones count depends on the stored item. */
const SectionForm = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('create'), formKey, kind: KindSchema, parentId: z.string().max(100).optional() }),
	z.object({ intent: z.literal('update'), formKey, id, version, kind: z.string().max(40).optional() }),
	/** `confirm`: the person saw what goes with it (the confirmation step of an item with children). */
	z.object({ intent: z.literal('delete'), id, version, confirm: z.literal('yes').optional() }),
	z.object({ intent: z.literal('restore'), changeId: z.number({ error: 'roadmap.errors.notFound' }).int().positive() }),
	z.object({ intent: z.literal('move'), id, direction: z.enum(['up', 'down']) }),
	z.object({ intent: z.literal('currency'), currency: CurrencySchema, roadmapVersion }),
	z.object({ intent: z.literal('timeline') }),
	z.object({ intent: z.literal('pastePreview'), formKey, parentId: id, rows: pasteRows }),
	z.object({ intent: z.literal('paste'), formKey, parentId: id, rows: pasteRows }),
	z.object({ intent: z.literal('comment'), body: commentBody, itemId: z.string().max(100).optional() }),
	z.object({ intent: z.literal('reply'), commentId, body: commentBody }),
	z.object({ intent: z.literal('resolve'), commentId, resolved: z.enum(['true', 'false']).optional() }),
])

/** An add form's key, safe to put back in a URL (`new-action-<objective id>`). */
const FORM_KEY = /^new-[\w-]{1,150}$/

/**
 * The indicators an action's form carries (`indicators[0].statement`, …), in order: each with its id
 * and version when it exists, and the new one only when something was typed in it.
 */
function indicatorForms(form: FormInput) {
	const byIndex = new Map<number, FormInput>()
	for (const [name, entry] of Object.entries(form)) {
		const match = /^indicators\[(\d{1,2})\]\.(\w+)$/.exec(name)
		if (!match) continue
		const index = Number(match[1])
		byIndex.set(index, { ...byIndex.get(index), [match[2]!]: entry })
	}
	const fields = KINDS.indicator.fields.map((f) => f.name)
	return [...byIndex.entries()]
		.sort(([a], [b]) => a - b)
		.filter(([, entry]) => entry.id || fields.some((name) => typeof entry[name] === 'string' && entry[name].trim()))
		.map(([index, entry]) => ({ prefix: `indicators[${index}].`, form: entry }))
}

const Base = z.record(z.string(), z.unknown())

/**
 * What an item's form showed when it was opened (its `base` field: the item's data as JSON), so that
 * a save over another person's change keeps both. Anything else is no base: the whole item conflicts.
 */
function formBase(value: unknown): Record<string, unknown> | undefined {
	if (typeof value !== 'string' || !value || value.length > 100_000) return undefined
	try {
		const parsed = Base.safeParse(JSON.parse(value))
		return parsed.success ? parsed.data : undefined
	} catch {
		return undefined
	}
}

class Rollback extends Error {
	constructor(
		readonly result: Extract<ChangeResult, { ok: false }>,
		readonly prefix = '',
	) {
		super(result.reason)
	}
}

/**
 * Saves an item and, for an action, the indicators its one form carries: all in one transaction, so
 * a refused indicator leaves the action as it was too. A refused field comes back with its
 * `indicators[i].` name, next to its input.
 */
async function saveWithIndicators(
	roadmapId: string,
	userId: string,
	change: Extract<Change, { type: 'create' | 'update' }>,
	nested: Array<{ prefix: string; form: FormInput }>,
): Promise<ChangeResult> {
	if (!nested.length) return applyChange(db, roadmapId, userId, change)
	try {
		return await db.transaction().execute(async (trx) => {
			const main = await applyChange(trx, roadmapId, userId, change)
			if (!main.ok) throw new Rollback(main)
			for (const { prefix, form } of nested) {
				const id = typeof form.id === 'string' ? form.id : null
				if (id) {
					// Only the indicators of this action can be edited from its form.
					const row = await trx
						.selectFrom('roadmap_items')
						.select('parent_id')
						.where('id', '=', id)
						.where('roadmap_id', '=', roadmapId)
						.executeTakeFirst()
					if (!row || row.parent_id !== main.id) throw new Rollback({ ok: false, reason: 'notFound' })
				}
				const result = id
					? await applyChange(trx, roadmapId, userId, {
							type: 'update',
							section: 'monitoring',
							kind: 'indicator',
							id,
							version: Number(form.version),
							form,
							base: formBase(form.base),
						})
					: await applyChange(trx, roadmapId, userId, { type: 'create', section: 'monitoring', kind: 'indicator', parentId: main.id, form })
				if (!result.ok) throw new Rollback(result, prefix)
			}
			return main
		})
	} catch (error) {
		if (!(error instanceof Rollback)) throw error
		const { result, prefix } = error
		if (result.reason === 'invalid') {
			return {
				...result,
				errors: Object.fromEntries(Object.entries(result.errors).map(([name, messages]) => [`${prefix}${name}`, messages])),
			}
		}
		// Another person's change to one of the indicators: the typed text comes back with the message.
		if (result.reason === 'conflict' && prefix) return { ...result, mine: null }
		return result
	}
}

/** The change that deleted an item (the latest), to restore it from a form that was still open. */
async function lastDeletion(roadmapId: string, itemId: string) {
	const row = await db
		.selectFrom('roadmap_changes')
		.select(['id'])
		.where('roadmap_id', '=', roadmapId)
		.where('item_id', '=', itemId)
		.where('change', '=', 'delete')
		.orderBy('id', 'desc')
		.executeTakeFirst()
	return row ? { changeId: row.id } : null
}

/** The form keys of the forms that are not item forms, so a refusal reopens the right one. */
const FORM_KEYS: Record<string, string> = { currency: 'currency', comment: 'comment', timeline: 'timeline' }

/**
 * The form key of a comment form, so that a refused one shows its message and gives back its text:
 * the section's new thread (`comment`), a new thread about an item (`comment-item-<id>`), the reply
 * to a thread (`reply-<comment id>`).
 */
export function commentFormKey(formData: FormData) {
	const intent = formData.get('intent')
	const field = (name: string) => String(formData.get(name) ?? '').slice(0, 100)
	if (intent === 'comment') return field('itemId') ? `comment-item-${field('itemId')}` : 'comment'
	if (intent === 'reply') return `reply-${field('commentId')}`
	return undefined
}

export async function sectionAction(request: Request, params: { delegationId?: string; section?: string }) {
	const section = sectionOf(params.section)
	const formData = await readFormData(request)
	const intent = String(formData.get('intent') ?? '')
	const needs = permissionForIntent('roadmap', intent)
	const { viewer, delegation, roadmap, language } = await requireRoadmap(request, params.delegationId, needs)
	const submission = parseWithZod(formData, { schema: SectionForm })
	const key =
		commentFormKey(formData) ??
		FORM_KEYS[intent] ??
		(typeof submission.payload.formKey === 'string' ? submission.payload.formKey : undefined)
	const reply = (status: number, feedback: Omit<ItemFeedback, 'errors' | 'submitted'>, fieldErrors?: Record<string, string[]>) =>
		data({ result: submission.reply(fieldErrors ? { fieldErrors } : undefined), feedback: { formKey: key, ...feedback } }, { status })
	if (roadmap.status === 'final' && needs === 'edit') return reply(409, { message: 'roadmap.errors.final' })
	if (submission.status !== 'success') {
		// The comment, currency and paste forms show their field's message; an item form always sends a valid
		// intent, kind, id and version, so without them it is not one of this page's forms (nor is a
		// comment form whose hidden fields are wrong).
		const pasteText = (intent === 'pastePreview' || intent === 'paste') && submission.error?.rows
		const fieldsOnly = Object.keys(submission.error ?? {}).every((name) => name === 'body' || name === 'currency')
		return reply(400, ((FORM_KEYS[intent] || intent === 'reply') && fieldsOnly) || pasteText ? {} : { message: 'roadmap.errors.badKind' })
	}
	const back = (anchor = '', query?: Record<string, string>) =>
		redirect(`${new URL(request.url).pathname}${query ? `?${new URLSearchParams(query)}` : ''}${anchor}`)
	/** After a save: the form closes and the item says "Saved"; an add form stays open, empty, for the next one. */
	const saved = (kind: string, itemId: string | null, merged?: boolean) => {
		if (itemId && (!key?.startsWith('new-') || (isKind(kind) && 'singleton' in KINDS[kind]))) {
			return back(`#item-${itemId}`, { saved: `item-${itemId}`, ...(merged ? { merged: '1' } : {}) })
		}
		return key && FORM_KEY.test(key) ? back(`#${key}`, { edit: key, saved: key }) : back(itemId ? `#item-${itemId}` : '')
	}
	const value = submission.value
	// Every field of the form, for the item (the stored item's kind and this section decide which count).
	const form = Object.fromEntries(formData)
	const refused = (result: Extract<ChangeResult, { ok: false }>, itemId?: string) => {
		switch (result.reason) {
			case 'invalid':
				return reply(400, { itemId }, result.errors)
			case 'conflict':
				return result.mine
					? reply(409, {
							itemId: result.current.id,
							conflict: {
								current: { data: result.current.data, version: result.current.version },
								mine: result.mine,
								...(result.fields ? { fields: result.fields } : {}),
							},
						})
					: reply(409, { message: 'roadmap.errors.conflict' })
			case 'notFound':
				return reply(404, { message: 'roadmap.errors.notFound' })
			case 'hasChildren':
				return reply(409, { message: 'roadmap.errors.hasChildren' })
			case 'exists':
				return reply(409, { message: 'roadmap.errors.exists' })
			case 'parentGone':
				return reply(409, { message: 'roadmap.errors.parentGone' })
			case 'badParent':
				return reply(400, { message: 'roadmap.errors.badParent' })
			case 'stale':
				return reply(409, { message: 'roadmap.errors.staleSettings' })
			default:
				return reply(400, { message: 'roadmap.errors.badKind' })
		}
	}
	switch (value.intent) {
		case 'create': {
			const change = { type: 'create' as const, section, kind: value.kind, parentId: value.parentId ?? null, form }
			const result = await saveWithIndicators(roadmap.id, viewer.id, change, section === 'strategic-design' ? indicatorForms(form) : [])
			return result.ok ? saved(value.kind, result.id) : refused(result)
		}
		case 'update': {
			const change = {
				type: 'update' as const,
				section,
				id: value.id,
				version: value.version,
				kind: value.kind,
				form,
				base: formBase(form.base),
			}
			const nestedForms = section === 'strategic-design' && value.kind === 'action' ? indicatorForms(form) : []
			const result = await saveWithIndicators(roadmap.id, viewer.id, change, nestedForms)
			if (!result.ok && result.reason === 'notFound') {
				// Deleted while the person was editing it: the text stays (in the reply, and as a draft in the
				// browser), and the item can be brought back to save it.
				const deletion = await lastDeletion(roadmap.id, value.id)
				if (deletion) return reply(404, { message: 'roadmap.errors.deletedMeanwhile', itemId: value.id, deletion })
			}
			return result.ok ? saved(value.kind ?? '', result.id, result.merged) : refused(result, value.id)
		}
		case 'delete': {
			const change = { type: 'delete' as const, section, id: value.id, version: value.version, withChildren: value.confirm === 'yes' }
			// The delete and its line in the audit log, together.
			const result = await db.transaction().execute(async (trx) => {
				const deleted = await applyChange(trx, roadmap.id, viewer.id, change)
				if (deleted.ok) {
					await recordAudit(trx, request, {
						actor: viewer,
						action: 'roadmap.item_deleted',
						targetType: 'roadmap_item',
						targetId: value.id,
						cohortId: delegation.cohort_id,
						details: { roadmap: roadmap.id, delegation: delegation.id, section, items: deleted.items },
					})
				}
				return deleted
			})
			// An item with something under it is deleted once the person has seen what goes with it.
			if (!result.ok && result.reason === 'hasChildren') return back('#confirm-delete', { confirmDelete: value.id })
			return result.ok ? back('#deleted', { deleted: String(result.changeId) }) : refused(result)
		}
		case 'restore': {
			const result = await applyChange(db, roadmap.id, viewer.id, { type: 'restore', changeId: value.changeId })
			// Not "saved": a draft kept for the item (an edit someone's delete interrupted) is still to be saved.
			return result.ok ? back(`#item-${result.id}`) : refused(result)
		}
		case 'move': {
			const result = await applyChange(db, roadmap.id, viewer.id, { type: 'move', section, id: value.id, direction: value.direction })
			return result.ok ? back(`#item-${value.id}`) : refused(result)
		}
		case 'currency': {
			const result = await applyChange(db, roadmap.id, viewer.id, {
				type: 'currency',
				currency: value.currency,
				version: value.roadmapVersion,
			})
			return result.ok ? back() : refused(result)
		}
		case 'timeline': {
			// The usual steps of a NAP process, in the language of who adds them, on a timeline that has none yet.
			if (section !== 'coordination') return reply(400, { message: 'roadmap.errors.badKind' })
			const t = await getT(language)
			const steps = t('roadmap.timeline.steps', { returnObjects: true }) as string[]
			const outputs = t('roadmap.timeline.outputs', { returnObjects: true }) as string[]
			// All nine or none, once: one transaction that first locks the roadmap's row (so two clicks at
			// once cannot both find the timeline empty), each step through the write primitive.
			const added = await db.transaction().execute(async (trx) => {
				await trx.updateTable('roadmaps').set({ updated_at: nowIso() }).where('id', '=', roadmap.id).execute()
				const existing = await trx
					.selectFrom('roadmap_items')
					.select('id')
					.where('roadmap_id', '=', roadmap.id)
					.where('kind', '=', 'milestone')
					.executeTakeFirst()
				if (existing) return false
				for (const [index, step] of steps.entries()) {
					const result = await applyChange(trx, roadmap.id, viewer.id, {
						type: 'create',
						kind: 'milestone',
						data: { step, output: outputs[index] ?? null },
					})
					if (!result.ok) throw new Error(`The usual NAP steps were refused: ${result.reason}`)
				}
				return true
			})
			if (!added) return reply(409, { message: 'roadmap.timeline.exists' })
			return back('#timeline')
		}
		case 'pastePreview':
		case 'paste': {
			// Rows pasted from a spreadsheet under an objective: read and shown (`pastePreview`), then read
			// and checked again and created all together (`paste`) — the preview is never trusted.
			const answer = (status: number, preview: PasteResult | null, message?: string) =>
				data(
					{
						result: submission.reply(),
						feedback: { formKey: key, ...(message ? { message } : {}) },
						paste: { parentId: value.parentId, text: value.rows, preview },
					},
					{ status },
				)
			if (section !== 'strategic-design') return answer(400, null, 'roadmap.paste.errors.notObjective')
			const parent = await checkPasteParent(db, roadmap.id, value.parentId)
			if (!parent.ok) {
				return parent.reason === 'notFound'
					? answer(404, null, 'roadmap.errors.notFound')
					: answer(400, null, 'roadmap.paste.errors.notObjective')
			}
			const preview = await readPaste(value.rows, roadmap.currency)
			if (value.intent === 'pastePreview' || !preview.ok) return answer(preview.ok ? 200 : 400, preview)
			const actions = preview.rows.map((row) => row.action).filter((action): action is PastedAction => action !== null)
			const created = await createPastedActions(db, {
				roadmapId: roadmap.id,
				userId: viewer.id,
				parentId: value.parentId,
				currency: roadmap.currency,
				actions,
			})
			if (!created.ok) {
				if (created.reason === 'notFound') return answer(404, null, 'roadmap.errors.notFound')
				if (created.reason === 'badParent') return answer(400, null, 'roadmap.paste.errors.notObjective')
				return answer(409, null, 'roadmap.paste.errors.changed')
			}
			const target = new URL(request.url)
			return redirect(`${target.pathname}?pasted=${created.count}&under=${encodeURIComponent(value.parentId)}#paste-${value.parentId}`)
		}
		case 'comment': {
			const added = await addComment(roadmap, viewer, { section, itemId: value.itemId || null, body: value.body }, mailOrigin(request))
			if (!added.ok) return reply(404, { message: 'roadmap.errors.notFound' })
			return back(`#comment-${added.id}`)
		}
		case 'reply': {
			const added = await addComment(
				roadmap,
				viewer,
				{ section, itemId: null, body: value.body, replyTo: value.commentId },
				mailOrigin(request),
			)
			if (!added.ok) return reply(404, { message: 'roadmap.errors.commentNotFound' })
			return back(`#comment-${added.id}`)
		}
		case 'resolve': {
			const resolved = await setCommentResolved(roadmap, viewer.id, section, value.commentId, value.resolved === 'true')
			if (!resolved) return reply(404, { message: 'roadmap.errors.commentNotFound' })
			return back(`#comment-${resolved.threadId}`)
		}
	}
}
