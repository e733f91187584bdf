import { useLoaderData } from '@remix-run/react'
import type { ComponentType, ReactNode } from 'react'
import { lesson } from '../lesson.server.ts'

/** The lesson's compiled content, kept in memory on the server (filled by the loader, once). */
const kept: { Content?: ComponentType<{ components?: Record<string, unknown> }> } = {}

export function loader() {
	kept.Content = lesson.Content
	return { title: lesson.title }
}

type Props = { children?: ReactNode; title?: string; question?: string; prompt?: string; name?: string }

/** The lesson's own components as plain markup: what the floor renders is the content, not the app. */
const plain = (tag: 'section' | 'aside' | 'div') =>
	function Plain({ children, title, question, prompt, name }: Props) {
		const Tag = tag
		return (
			<Tag>
				{title ?? question ?? prompt ?? name}
				{children}
			</Tag>
		)
	}
const components = {
	KnowledgeCheck: plain('section'),
	Option: plain('div'),
	Explanation: plain('div'),
	Reflection: plain('section'),
	Callout: plain('aside'),
	Example: plain('aside'),
	Term: plain('div'),
}

export default function FloorLesson() {
	const { title } = useLoaderData<typeof loader>()
	const Content = kept.Content
	return (
		<main>
			<h1>{title}</h1>
			{Content ? <Content components={components} /> : null}
		</main>
	)
}
