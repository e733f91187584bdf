import fs from 'node:fs'
import { getMDXComponent } from 'mdx-bundler/client/index.js'
import type { ComponentType } from 'react'

type Lesson = { title: string; code: string }

/** The bench lesson as `npm run bench` wrote it (title and compiled MDX), read and compiled once. */
function read(): { title: string; Content: ComponentType<{ components?: Record<string, unknown> }> } {
	const file = process.env.BENCH_FLOOR_LESSON
	if (!file) throw new Error('BENCH_FLOOR_LESSON must name the bench lesson’s compiled file')
	const lesson = JSON.parse(fs.readFileSync(file, 'utf8')) as Lesson
	return { title: lesson.title, Content: getMDXComponent(lesson.code) as never }
}

export const lesson = read()
