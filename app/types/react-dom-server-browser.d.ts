// `react-dom/server.browser` has the same API as `react-dom/server`'s web-streams half.
declare module 'react-dom/server.browser' {
	export { renderToReadableStream } from 'react-dom/server'
}
