/**
 * The loader and the action of a roadmap section. The action tells its forms apart by `intent`;
 * item fields are checked by `applyChange` against the stored item's kind and this section.
 */
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { openRequestsByItem } from '#app/features/assistance/assistance.server.ts'
import { permissionForIntent, requireRoadmap } from '#app/utils/access.server.ts'
import { type ItemFeedback } from '#app/features/roadmap/item-form.tsx'
import { deletedNotice, deleteSummary } from '#app/features/roadmap/history.server.ts'
import { applyChange, type ChangeResult } from '#app/features/roadmap/items.server.ts'
import { type Section, SECTIONS, SECTION_MODULE } from '#app/features/roadmap/kinds.ts'
import {
	addComment,
	budgetTotals,
	buildTree,
	completeness,
	reportingCalendar,
	roadmapComments,
	roadmapItems,
	setCommentResolved,
	type Tree,
} from '#app/features/roadmap/roadmap.server.ts'
import { CurrencySchema, KindSchema } from '#app/features/roadmap/schemas.ts'
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
	const { delegation, roadmap, language, abilities } = await requireRoadmap(request, params.delegationId, 'view')
	const t = await getT(language)
	const items = await roadmapItems(roadmap.id)
	const tree = buildTree(items)
	// Around a delete (without JavaScript too): the confirmation of one with children, then the notice with Undo.
	const search = new URL(request.url).searchParams
	const confirmDelete = search.get('confirmDelete')
	const deleted = Number(search.get('deleted'))
	return {
		title: `${t(`roadmap.sections.${section}.title`)} · ${t('roadmap.title')}`,
		section,
		module: SECTION_MODULE[section],
		delegation,
		roadmap,
		abilities,
		tree,
		totals: budgetTotals(tree),
		gaps: completeness(tree).filter((gap) => gap.section === section),
		calendar: reportingCalendar(tree, new Date().getUTCFullYear()),
		comments: await roadmapComments(roadmap.id, section),
		openTa: await openRequestsByItem(delegation.id),
		commentTargets: commentTargets(tree, section),
		confirmDelete: confirmDelete ? deleteSummary(items, confirmDelete) : null,
		deleted: Number.isSafeInteger(deleted) && deleted > 0 ? await deletedNotice(roadmap.id, deleted, items) : null,
	}
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

/** The forms of a section page. Item fields are not listed: which ones count depends on the stored item. */
const SectionForm = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('create'), formKey, kind: KindSchema, parentId: z.string().max(100).optional() }),
	z.object({ intent: z.literal('update'), formKey, id, version, kind: z.string().max(40).optional() }),
	/** `confirm`: the person saw what goes with it (the confirmation step of an item with children). */
	z.object({ intent: z.literal('delete'), id, version, confirm: z.literal('yes').optional() }),
	z.object({ intent: z.literal('restore'), changeId: z.number({ error: 'roadmap.errors.notFound' }).int().positive() }),
	z.object({ intent: z.literal('move'), id, direction: z.enum(['up', 'down']) }),
	z.object({ intent: z.literal('currency'), currency: CurrencySchema }),
	z.object({ intent: z.literal('timeline') }),
	z.object({
		intent: z.literal('comment'),
		body: z
			.string({ error: 'roadmap.errors.commentEmpty' })
			.trim()
			.min(1, { error: 'roadmap.errors.commentEmpty' })
			.max(4000, { error: 'roadmap.errors.tooLong' }),
		itemId: z.string().max(100).optional(),
	}),
	z.object({ intent: z.literal('resolve'), commentId: z.number().int(), resolved: z.enum(['true', 'false']).optional() }),
])

/** The form keys of the forms that are not item forms, so a refusal reopens the right one. */
const FORM_KEYS: Record<string, string> = { currency: 'currency', comment: 'comment', timeline: 'timeline' }

export async function sectionAction(request: Request, params: { delegationId?: string; section?: string }) {
	const section = sectionOf(params.section)
	const formData = await readFormData(request)
	const intent = String(formData.get('intent') ?? '')
	const needs = permissionForIntent('roadmap', intent)
	const { viewer, roadmap, language } = await requireRoadmap(request, params.delegationId, needs)
	const submission = parseWithZod(formData, { schema: SectionForm })
	const key = FORM_KEYS[intent] ?? (typeof submission.payload.formKey === 'string' ? submission.payload.formKey : undefined)
	const reply = (status: number, feedback: Omit<ItemFeedback, 'errors' | 'submitted'>, fieldErrors?: Record<string, string[]>) =>
		data({ result: submission.reply(fieldErrors ? { fieldErrors } : undefined), feedback: { formKey: key, ...feedback } }, { status })
	if (roadmap.status === 'final' && needs === 'edit') return reply(409, { message: 'roadmap.errors.final' })
	if (submission.status !== 'success') {
		// The comment and currency forms show their field's message; an item form always sends a valid
		// intent, kind, id and version, so without them it is not one of this page's forms.
		return reply(400, FORM_KEYS[intent] ? {} : { message: 'roadmap.errors.badKind' })
	}
	const back = (anchor = '') => redirect(`${new URL(request.url).pathname}${anchor}`)
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
							conflict: { current: { data: result.current.data, version: result.current.version }, mine: result.mine },
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
			default:
				return reply(400, { message: 'roadmap.errors.badKind' })
		}
	}
	switch (value.intent) {
		case 'create': {
			const change = { type: 'create' as const, section, kind: value.kind, parentId: value.parentId ?? null, form }
			const result = await applyChange(db, roadmap.id, viewer.id, change)
			return result.ok ? back(`#item-${result.id}`) : refused(result)
		}
		case 'update': {
			const change = { type: 'update' as const, section, id: value.id, version: value.version, kind: value.kind, form }
			const result = await applyChange(db, roadmap.id, viewer.id, change)
			return result.ok ? back(`#item-${result.id}`) : refused(result, value.id)
		}
		case 'delete': {
			const change = { type: 'delete' as const, section, id: value.id, version: value.version, withChildren: value.confirm === 'yes' }
			const result = await applyChange(db, roadmap.id, viewer.id, change)
			// An item with something under it is deleted once the person has seen what goes with it.
			if (!result.ok && result.reason === 'hasChildren') return back(`?${new URLSearchParams({ confirmDelete: value.id })}#confirm-delete`)
			return result.ok ? back(`?deleted=${result.changeId}#deleted`) : refused(result)
		}
		case 'restore': {
			const result = await applyChange(db, roadmap.id, viewer.id, { type: 'restore', changeId: value.changeId })
			return result.ok ? back(`#item-${result.id}`) : refused(result)
		}
		case 'move': {
			const result = await applyChange(db, roadmap.id, viewer.id, { type: 'move', section, id: value.id, direction: value.direction })
			return result.ok ? back(`#item-${value.id}`) : refused(result)
		}
		case 'currency': {
			await applyChange(db, roadmap.id, viewer.id, { type: 'currency', currency: value.currency })
			return back()
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
		case 'comment': {
			const added = await addComment(roadmap, viewer.id, { section, itemId: value.itemId || null, body: value.body })
			if (!added.ok) return reply(404, { message: 'roadmap.errors.notFound' })
			return back('#comments')
		}
		case 'resolve': {
			const ok = await setCommentResolved(roadmap, viewer.id, value.commentId, value.resolved === 'true')
			if (!ok) return reply(404, { message: 'roadmap.errors.notFound' })
			return back('#comments')
		}
	}
}
