/**
 * How guessable a new password is, with zxcvbn-ts and its dictionaries of common passwords, words and
 * names in English and Spanish. Server-only: the dictionaries (several MB) never enter the browser
 * bundle, where the password field checks its length only.
 */
import { type OptionsType, ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as english from '@zxcvbn-ts/language-en'
import * as spanish from '@zxcvbn-ts/language-es-es'
import { type PasswordJudge } from '#app/features/auth/schemas.ts'

/** The least zxcvbn score (0–4) accepted: 3 is "safely unguessable" to an online attacker and slows an offline one. */
export const MIN_PASSWORD_SCORE = 3

/** The estimator's warnings this app explains, each in its own words (passwordStrength.<warning>). */
const WARNINGS = [
	'straightRow',
	'keyPattern',
	'simpleRepeat',
	'extendedRepeat',
	'sequences',
	'recentYears',
	'dates',
	'topTen',
	'topHundred',
	'common',
	'similarToCommon',
	'wordByItself',
	'namesByThemselves',
	'commonNames',
	'userInputs',
] as const

/** Words of the Academy itself, never a good part of a password here. */
const ACADEMY_WORDS = [
	'academy',
	'academia',
	'nap',
	'napacademy',
	'wps',
	'mujeres',
	'women',
	'peace',
	'paz',
	'seguridad',
	'security',
	'1325',
]

let estimator: ZxcvbnFactory | undefined
function getEstimator() {
	if (estimator) return estimator
	// Translations as the keys themselves: the feedback names the reason, the app words it.
	const asKeys = (keys: object) => Object.fromEntries(Object.keys(keys).map((key) => [key, key]))
	const translations = {
		warnings: asKeys(english.translations.warnings),
		suggestions: asKeys(english.translations.suggestions),
		timeEstimation: asKeys(english.translations.timeEstimation),
	} as OptionsType['translations']
	estimator = new ZxcvbnFactory({
		translations,
		graphs: common.adjacencyGraphs,
		dictionary: { ...common.dictionary, ...english.dictionary, ...spanish.dictionary },
	})
	return estimator
}

const withoutAccents = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '')

/**
 * The person's own words and the Academy's: each input whole, without spaces, and in its parts
 * (words of the name, pieces of the email address), with and without accents.
 */
function inputsFor(userInputs: readonly string[]) {
	const words = userInputs.flatMap((input) => {
		const lower = input.trim().toLowerCase()
		if (!lower) return []
		const parts = lower.split(/[\s@._+-]+/).filter((part) => part.length >= 3)
		return [lower, lower.split('@')[0]!, parts.join(''), ...parts]
	})
	return [...new Set([...words, ...words.map(withoutAccents), ...ACADEMY_WORDS])]
}

/**
 * Why a new password is refused (a translation key: passwordStrength.<reason>), or undefined when it
 * is hard enough to guess.
 */
export const judgePassword: PasswordJudge = (password, userInputs) => {
	const result = getEstimator().check(password, inputsFor(userInputs))
	if (result.score >= MIN_PASSWORD_SCORE) return undefined
	const warning = WARNINGS.find((key) => key === result.feedback.warning)
	return `passwordStrength.${warning ?? 'weak'}`
}
