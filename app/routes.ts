import { flatRoutes } from '@remix-run/fs-routes'
import { type RouteConfig } from '@remix-run/route-config'

// Remix's flat routes, read from app/routes/ (v3_routeConfig). Tests and server modules next to a
// route are not routes.
export default flatRoutes({ ignoredRouteFiles: ['**/*.test.*', '**/*.server.*'] }) satisfies RouteConfig
