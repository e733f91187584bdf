/**
 * Writes the bench lesson (its Spanish version, as the bench's delegates read it) as the framework
 * floor serves it: its title and compiled MDX, from the same compile and cache as the Academy's page.
 * `node --import tsx scripts/bench/floor/write-lesson.ts <file>` (run by `npm run bench`).
 */
import fs from 'node:fs'
import path from 'node:path'
import { getCompiled, getLesson, pickVersion } from '#app/features/curriculum/content.server.ts'
import { BENCH_LESSON } from '../seed-large.ts'

const out = process.argv[2]
if (!out) throw new Error('Usage: write-lesson.ts <file>')
const lesson = getLesson(BENCH_LESSON.module, BENCH_LESSON.lesson)
if (!lesson) throw new Error(`No lesson ${BENCH_LESSON.module}/${BENCH_LESSON.lesson}`)
const version = pickVersion(lesson.versions, 'es')
const compiled = await getCompiled(version.file)
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, JSON.stringify({ title: version.title, code: compiled.code }))
