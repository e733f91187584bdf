/**
 * The zod schemas of roadmap items, derived from `KINDS`: what a form may submit for a kind (strings in,
 * clean data out, translation keys as messages), and what a stored item and a history entry look like
 * when they are read back from their JSON columns. No server code here: the browser can use them too.
 */
import { z } from 'zod'
import {
	ACTION_STATUSES,
	type CostLine,
	currencyDigits,
	type FieldSpec,
	type FundingSource,
	isCurrency,
	type ItemData,
	type Kind,
	KIND_NAMES,
	KINDS,
	parseMoney,
	periodMonths,
	ROADMAP_STATUSES,
} from '#app/features/roadmap/kinds.ts'

export type FieldErrors = Record<string, string[]>
/** A submitted form, as `Object.fromEntries(formData)` gives it. */
export type FormInput = Record<string, FormDataEntryValue | undefined>

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
const ERRORS = {
	required: 'roadmap.errors.required',
	tooLong: 'roadmap.errors.tooLong',
	money: 'roadmap.errors.money',
	negative: 'roadmap.errors.negative',
	period: 'roadmap.errors.period',
	year: 'roadmap.errors.year',
	option: 'roadmap.errors.option',
	endBeforeStart: 'roadmap.errors.endBeforeStart',
	number: 'roadmap.errors.number',
	targetBeforeBaseline: 'roadmap.errors.targetBeforeBaseline',
	tooManyLines: 'roadmap.errors.tooManyLines',
} as const

const NUMBER = /^-?\d+([.,]\d+)?$/

/** An amount as typed: its error key, or null when it reads as an amount (or is empty). */
function moneyError(value: string, digits: number) {
	if (!value || parseMoney(value, digits) !== null) return null
	return value.startsWith('-') ? ERRORS.negative : ERRORS.money
}

/**
 * Cost lines as typed (`costs[0].amount`, `costs[0].source`, `costs[0].committed`, … gathered into an
 * array by `validateItemForm`): a line with neither an amount nor a source is dropped (that is how a
 * line is removed without JavaScript); the others need an amount. Messages carry the line's index in
 * the form, so they show next to that line's input.
 */
function costLinesField(spec: FieldSpec, digits: number) {
	const options = spec.options ?? []
	return z
		.preprocess((value) => (Array.isArray(value) ? value : []), z.array(z.unknown()))
		.transform((raw, ctx) => {
			const lines: CostLine[] = []
			raw.forEach((entry, index) => {
				const line = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>
				const amount = trimmed(line.amount)
				const source = trimmed(line.source)
				if (!amount && !source) return
				const issue = (field: string, message: string) =>
					ctx.issues.push({ code: 'custom', input: line[field], message, path: [index, field] })
				const amountError = amount ? moneyError(amount, digits) : ERRORS.required
				if (amountError) issue('amount', amountError)
				if (source && !options.includes(source)) issue('source', ERRORS.option)
				lines.push({
					amount: amountError ? 0 : parseMoney(amount, digits)!,
					source: (source || null) as FundingSource | null,
					committed: line.committed === 'on' || line.committed === 'true',
				})
			})
			if (lines.length > (spec.max ?? Infinity)) ctx.issues.push({ code: 'custom', input: raw, message: ERRORS.tooManyLines })
			return lines
		})
}

/** One field of a form: what a person typed in, the stored value out. */
function formField(spec: FieldSpec, digits: number) {
	switch (spec.type) {
		case 'costLines':
			return costLinesField(spec, digits)
		case 'checkbox':
			return z.preprocess((value) => value === 'on' || value === 'true', z.boolean())
		case 'money':
			return z
				.preprocess(
					trimmed,
					z.string().check((ctx) => {
						const message = moneyError(ctx.value, digits)
						if (message) ctx.issues.push({ code: 'custom', input: ctx.value, message })
					}),
				)
				.transform((value) => (value ? parseMoney(value, digits) : null))
		case 'period':
			return z
				.preprocess(
					(value) => trimmed(value).toUpperCase(),
					z.string().refine((value) => !value || periodMonths(value), ERRORS.period),
				)
				.transform((value) => value || null)
		case 'year':
			return z
				.preprocess(
					trimmed,
					z.string().refine((value) => {
						const year = Number(value)
						return !value || (Number.isInteger(year) && year >= 1990 && year <= 2100)
					}, ERRORS.year),
				)
				.transform((value) => (value ? Number(value) : null))
		case 'select':
			return z
				.preprocess(
					trimmed,
					z
						.string()
						.refine((value) => !value || spec.options!.includes(value), ERRORS.option)
						.refine((value) => !spec.required || value, ERRORS.required),
				)
				.transform((value) => value || null)
		default: {
			const text = z.string().max(spec.max ?? Infinity, ERRORS.tooLong)
			return z.preprocess(trimmed, spec.required ? z.string().min(1, ERRORS.required).pipe(text) : text)
		}
	}
}

/**
 * The form schema of a kind, for the fields a section edits (`fields`; all of them by default), with
 * amounts parsed into minor units of `currency`. Rules across fields: an action does not end before it
 * starts; a numeric indicator has numeric values and a target year not before its baseline year.
 */
export function itemFormSchema(kind: Kind, options: { currency: string; fields?: readonly string[] | null }) {
	const digits = currencyDigits(options.currency)
	const specs = (KINDS[kind].fields as readonly FieldSpec[]).filter((f) => !options.fields || options.fields.includes(f.name))
	const shape = Object.fromEntries(specs.map((spec) => [spec.name, formField(spec, digits)]))
	return z.object(shape).superRefine((raw, ctx) => {
		// Fields that failed their own rules come here as typed, so their checks below are skipped.
		const data = raw as Record<string, unknown>
		if (kind === 'action' && typeof data.start === 'string' && typeof data.end === 'string') {
			const start = periodMonths(data.start)
			const end = periodMonths(data.end)
			if (start && end && end.last < start.first) ctx.addIssue({ code: 'custom', path: ['end'], message: ERRORS.endBeforeStart })
		}
		if (kind === 'indicator') {
			if (data.measure === 'number' || data.measure === 'percent') {
				for (const name of ['baselineValue', 'targetValue']) {
					const value = data[name]
					if (typeof value === 'string' && value && !NUMBER.test(value))
						ctx.addIssue({ code: 'custom', path: [name], message: ERRORS.number })
				}
			}
			if (typeof data.baselineYear === 'number' && typeof data.targetYear === 'number' && data.targetYear < data.baselineYear) {
				ctx.addIssue({ code: 'custom', path: ['targetYear'], message: ERRORS.targetBeforeBaseline })
			}
		}
	})
}

/** A field's name as a form names it (Conform's way): `status`, `costs[1].amount`. */
export function fieldName(path: readonly PropertyKey[]) {
	return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${String(part)}` : String(part))).join('')
}

export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {}
	for (const issue of error.issues) {
		const name = fieldName(issue.path)
		errors[name] = [...(errors[name] ?? []), issue.message]
	}
	return errors
}

const LINE_KEY = /^([A-Za-z]+)\[(\d{1,3})\]\.(amount|source|committed)$/
/** The most lines a form may send before it is refused outright (the kind's own limit is checked after). */
const FORM_LINES = 100

/** The `costs[0].amount`, `costs[0].source`, … keys of a form gathered into arrays of lines, by field name. */
function gatherLines(
	form: FormInput,
	names: readonly string[],
): { ok: true; lines: Record<string, unknown[]> } | { ok: false; name: string } {
	const lines: Record<string, Array<Record<string, unknown>>> = Object.fromEntries(names.map((name) => [name, []]))
	for (const [key, value] of Object.entries(form)) {
		const match = LINE_KEY.exec(key)
		if (!match || !names.includes(match[1]!)) continue
		const index = Number(match[2])
		if (index >= FORM_LINES) return { ok: false, name: match[1]! }
		const list = lines[match[1]!]!
		list[index] = { ...list[index], [match[3]!]: value }
	}
	return { ok: true, lines }
}

export type Validated = { ok: true; data: ItemData } | { ok: false; errors: FieldErrors }

/** Checks a submitted form of a kind (only `fields` when given: a section editing part of an action). */
export function validateItemForm(kind: Kind, form: FormInput, options: { currency: string; fields?: readonly string[] | null }): Validated {
	const lineFields = (KINDS[kind].fields as readonly FieldSpec[])
		.filter((f) => f.type === 'costLines' && (!options.fields || options.fields.includes(f.name)))
		.map((f) => f.name)
	const gathered = gatherLines(form, lineFields)
	if (!gathered.ok) return { ok: false, errors: { [gathered.name]: [ERRORS.tooManyLines] } }
	const result = itemFormSchema(kind, options).safeParse({ ...form, ...gathered.lines })
	return result.success ? { ok: true, data: result.data as ItemData } : { ok: false, errors: fieldErrors(result.error) }
}

/** A stored cost line, as the database, an import and the seed hold it. */
function storedCostLine(options: readonly string[]) {
	return z.strictObject({
		amount: z.number().int().nonnegative().max(1e15),
		source: z.enum(options as [string, ...string[]]).nullable(),
		committed: z.boolean(),
	})
}

/** Stored-shape cost lines checked line by line, with each mistake under the line's own field name. */
function validateStoredLines(spec: FieldSpec, value: unknown, errors: FieldErrors): CostLine[] {
	if (value === null || value === undefined) return []
	if (!Array.isArray(value)) {
		errors[spec.name] = [ERRORS.money]
		return []
	}
	if (value.length > (spec.max ?? Infinity)) errors[spec.name] = [ERRORS.tooManyLines]
	const schema = storedCostLine(spec.options ?? [])
	const lines: CostLine[] = []
	value.forEach((entry, index) => {
		// A line may leave out `source` (none yet) and `committed` (not committed).
		const line = entry && typeof entry === 'object' ? { source: null, committed: false, ...entry } : entry
		const result = schema.safeParse(line)
		if (result.success) lines.push(result.data as CostLine)
		else
			for (const issue of result.error.issues) {
				const name = fieldName([spec.name, index, ...issue.path])
				const message = issue.path[0] === 'amount' ? ERRORS.money : ERRORS.option
				errors[name] = [...(errors[name] ?? []), message]
			}
	})
	return lines
}

/**
 * Checks stored-shape data (an import, the seed) with the same rules as a form: the values are turned
 * back into what a person would type, except amounts, which travel as integer minor units.
 */
export function validateItemData(kind: Kind, data: Record<string, unknown>, currency: string): Validated {
	const form: Record<string, string> = {}
	const specs = KINDS[kind].fields as readonly FieldSpec[]
	for (const spec of specs) {
		const value = data[spec.name]
		if (value === null || value === undefined || value === false || spec.type === 'money' || spec.type === 'costLines') continue
		form[spec.name] = spec.type === 'checkbox' ? (value === true ? 'on' : '') : String(value)
	}
	const result = validateItemForm(kind, form, { currency })
	const errors = result.ok ? {} : result.errors
	const clean: ItemData = result.ok ? result.data : {}
	for (const spec of specs) {
		if (spec.type === 'costLines') clean[spec.name] = validateStoredLines(spec, data[spec.name], errors)
		if (spec.type !== 'money') continue
		const value = data[spec.name]
		if (value === null || value === undefined) clean[spec.name] = null
		else if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1e15) clean[spec.name] = value
		else errors[spec.name] = [ERRORS.money]
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: clean }
}

// -------------------------------------------------------------------------------------------------
// Reading the JSON columns back

function storedField(spec: FieldSpec) {
	switch (spec.type) {
		case 'costLines':
			return z.array(storedCostLine(spec.options ?? [])).max(spec.max ?? Infinity)
		case 'checkbox':
			return z.boolean()
		case 'money':
			return z.number().int().nonnegative().nullable()
		case 'year':
			return z.number().int().nullable()
		case 'period':
			return z.string().nullable()
		case 'select':
			return z.enum(spec.options as [string, ...string[]]).nullable()
		default:
			return z.string()
	}
}

/** The stored data of each kind (`roadmap_items.data`): its fields with their stored types, nothing else. */
export const STORED_DATA = Object.fromEntries(
	KIND_NAMES.map((kind) => [
		kind,
		z.strictObject(
			Object.fromEntries((KINDS[kind].fields as readonly FieldSpec[]).map((spec) => [spec.name, storedField(spec).optional()])),
		),
	]),
) as unknown as Record<Kind, z.ZodType<ItemData>>

export const KindSchema = z.enum(KIND_NAMES as [Kind, ...Kind[]])

/** An item as the history keeps it, before or after a change. */
export const ItemSnapshot = z
	.object({ kind: KindSchema, parentId: z.string().nullable(), position: z.number().int(), data: z.record(z.string(), z.unknown()) })
	.transform((snapshot, ctx) => {
		const data = STORED_DATA[snapshot.kind].safeParse(snapshot.data)
		if (!data.success) {
			for (const issue of data.error.issues) ctx.addIssue({ ...issue, path: ['data', ...issue.path] } as never)
			return z.NEVER
		}
		return { ...snapshot, data: data.data }
	})
export type ItemSnapshot = z.output<typeof ItemSnapshot>

const ImplementationAfter = z.intersection(ItemSnapshot, z.object({ note: z.string(), dated: z.string() }))
const ReportAfter = z.object({ period: z.string(), value: z.string(), dated: z.string(), source: z.string() })
/**
 * A delete's `after`: null for one item; for an item deleted with what is under it, every row of that
 * delete (the children's first, the item's last) carries the same group, so a restore brings them all back.
 */
const DeleteAfter = z.object({ group: z.string() }).nullable()
/** A deleted item, with the version it had (rows written before restores existed do not have it). */
const DeletedSnapshot = z.intersection(ItemSnapshot, z.object({ version: z.number().int().optional() }))
/** A restored item, with the history row of the delete it undid and its version (the deleted one's next). */
const RestoreAfter = z.intersection(ItemSnapshot, z.object({ restoredFrom: z.number().int(), version: z.number().int() }))

/** What `before` and `after` hold, by the name of the change. */
export const CHANGE_JSON = {
	create: { before: z.null(), after: ItemSnapshot },
	update: { before: ItemSnapshot, after: ItemSnapshot },
	move: { before: ItemSnapshot, after: ItemSnapshot },
	delete: { before: DeletedSnapshot, after: DeleteAfter },
	restore: { before: z.null(), after: RestoreAfter },
	implementation: { before: ItemSnapshot, after: ImplementationAfter },
	report: { before: z.null(), after: ReportAfter },
	settings: { before: z.object({ currency: z.string() }), after: z.object({ currency: z.string() }) },
	status: { before: z.object({ status: z.enum(ROADMAP_STATUSES) }), after: z.object({ status: z.enum(ROADMAP_STATUSES) }) },
	sharing: { before: z.object({ shared: z.boolean() }), after: z.object({ shared: z.boolean() }) },
} as const
export type ChangeName = keyof typeof CHANGE_JSON

// -------------------------------------------------------------------------------------------------
// Roadmap settings and implementation (after the convening)

export const CurrencySchema = z.string().trim().toUpperCase().refine(isCurrency, { error: 'roadmap.errors.currency' })

export const ActionStatusUpdate = z.object({
	status: z.enum(ACTION_STATUSES, { error: 'roadmap.errors.option' }),
	note: z.string().trim().max(2000, { error: 'roadmap.errors.tooLong' }).optional().default(''),
	dated: z.string({ error: 'forms.dateInvalid' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'forms.dateInvalid' }),
})

export const IndicatorReport = z.object({
	period: z
		.string({ error: 'roadmap.errors.required' })
		.trim()
		.min(4, { error: 'roadmap.errors.required' })
		.max(40, { error: 'roadmap.errors.tooLong' }),
	value: z
		.string({ error: 'roadmap.errors.required' })
		.trim()
		.min(1, { error: 'roadmap.errors.required' })
		.max(60, { error: 'roadmap.errors.tooLong' }),
	dated: z.string({ error: 'forms.dateInvalid' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'forms.dateInvalid' }),
	source: z.string().trim().max(300, { error: 'roadmap.errors.tooLong' }).optional().default(''),
})
