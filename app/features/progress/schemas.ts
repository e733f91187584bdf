import { z } from 'zod'
import { REFLECTION_MAX_LENGTH } from '#app/features/progress/limits.ts'

/**
 * The lesson page's forms, told apart by `intent`: answering a knowledge check, saving a
 * reflection, marking the lesson complete or not. Parsed on the server with Conform's
 * `parseWithZod`; messages are translation keys. The lesson page itself ships no zod: its
 * components read the limits from limits.ts.
 */

const AnswerSchema = z.object({
	intent: z.literal('answer'),
	checkId: z.string({ error: 'learn.errors.badRequest' }).max(100, { error: 'learn.errors.badRequest' }),
	option: z
		.array(z.string().max(10, { error: 'learn.errors.unknownOption' }))
		.min(1, { error: 'learn.errors.noOption' })
		.max(20, { error: 'learn.errors.tooManyOptions' }),
})

const ReflectSchema = z.object({
	intent: z.literal('reflect'),
	reflectionId: z.string({ error: 'learn.errors.badRequest' }).max(100, { error: 'learn.errors.badRequest' }),
	body: z
		.string({ error: 'learn.errors.reflectionEmpty' })
		.trim()
		.min(1, { error: 'learn.errors.reflectionEmpty' })
		.max(REFLECTION_MAX_LENGTH, { error: 'learn.errors.reflectionTooLong' }),
	shared: z.literal('on').optional(),
})

export const LessonActionSchema = z.discriminatedUnion(
	'intent',
	[AnswerSchema, ReflectSchema, z.object({ intent: z.literal('complete') }), z.object({ intent: z.literal('reopen') })],
	{ error: 'learn.errors.badRequest' },
)
