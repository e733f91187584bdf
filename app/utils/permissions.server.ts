/**
 * Who may do what — the one place where authorization is decided. Every loader and action gets the
 * viewer with `requireViewer` and asks `requirePermission` (or `can`) before touching a resource.
 *
 * Roles are derived, not stored (except staff):
 * - staff: Academy-wide;
 * - facilitator: of the cohorts listed in cohort_facilitators;
 * - delegate: member of a delegation; an alumni delegate is one whose cohort is closed.
 */
import { redirect } from '@remix-run/node'
import { getSessionUser, loginUrl } from '#app/features/auth/auth.server.ts'
import { requireTwoStepWhenRequired } from '#app/features/auth/two-step.server.ts'
import { db } from '#app/utils/db.server.ts'
import { oncePerRequest } from '#app/utils/request-scope.server.ts'
import type { CohortStatus, Sector } from '#db/schema.ts'

export type Membership = {
	delegationId: string
	cohortId: string
	cohortName: string
	cohortStatus: CohortStatus
	countryCode: string
	sector: Sector
	organisation: string
	position: string
	isLead: boolean
	/** Derived: the membership's cohort is closed. */
	isAlumni: boolean
}

export type Viewer = {
	id: string
	email: string
	name: string
	language: 'en' | 'es' | null
	isStaff: boolean
	facilitates: string[]
	memberships: Membership[]
}

export type Role = 'staff' | 'facilitator' | 'delegate' | 'alumni' | 'none'

/** A person's viewer by id (calendar feeds, tests); null for an unknown or deactivated account. */
export async function loadViewer(userId: string): Promise<Viewer | null> {
	const user = await db
		.selectFrom('users')
		.select(['id', 'email', 'name', 'language', 'is_staff'])
		.where('id', '=', userId)
		// A deactivated account is nobody: its sessions were ended, and nothing it held still works.
		.where('deactivated_at', 'is', null)
		.executeTakeFirst()
	if (!user) return null
	return viewerOf({ ...user, isStaff: user.is_staff === 1 })
}

/** The viewer of an account already read (with its session, or by loadViewer): its roles. */
async function viewerOf(user: Pick<Viewer, 'id' | 'email' | 'name' | 'language' | 'isStaff'>): Promise<Viewer> {
	const [facilitates, memberships] = await Promise.all([
		db.selectFrom('cohort_facilitators').select('cohort_id').where('user_id', '=', user.id).execute(),
		db
			.selectFrom('delegation_members as m')
			.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
			.innerJoin('cohorts as c', 'c.id', 'd.cohort_id')
			.select([
				'd.id as delegationId',
				'c.id as cohortId',
				'c.name as cohortName',
				'c.status as cohortStatus',
				'c.start_date as startDate',
				'd.country_code as countryCode',
				'm.sector',
				'm.organisation',
				'm.position',
				'm.is_lead',
			])
			.where('m.user_id', '=', user.id)
			.orderBy('c.start_date', 'desc')
			.execute(),
	])
	return {
		id: user.id,
		email: user.email,
		name: user.name,
		language: user.language,
		isStaff: user.isStaff,
		facilitates: facilitates.map((row) => row.cohort_id),
		memberships: memberships.map(({ is_lead, startDate: _startDate, ...row }) => ({
			...row,
			isLead: is_lead === 1,
			isAlumni: row.cohortStatus === 'closed',
		})),
	}
}

/**
 * The signed-in viewer, or null for a visitor: read once per request, with the session
 * (request-scope.server.ts; an action's viewer is not its page's, so the page sees what the action
 * changed). A deactivated account is nobody.
 */
export function getViewer(request: Request): Promise<Viewer | null> {
	return oncePerRequest(request, 'viewer', async () => {
		const user = await getSessionUser(request)
		return user && !user.deactivated ? viewerOf(user) : null
	})
}

/**
 * The signed-in viewer; a visitor is sent to sign in and brought back afterwards. A person whose
 * role must use two-step sign-in (REQUIRE_TWO_STEP) and has not set it up is sent to set it up:
 * only the enrolment page (`requireTwoStepSettings`) and signing out skip this.
 */
export async function requireViewer(request: Request): Promise<Viewer> {
	const viewer = await getViewer(request)
	if (!viewer) throw redirect(loginUrl(request))
	await requireTwoStepWhenRequired(viewer)
	return viewer
}

/** The viewer's main role, for the home page. */
export function primaryRole(viewer: Viewer): Role {
	if (viewer.isStaff) return 'staff'
	if (viewer.facilitates.length) return 'facilitator'
	if (viewer.memberships.some((m) => !m.isAlumni)) return 'delegate'
	if (viewer.memberships.length) return 'alumni'
	return 'none'
}

export type Resource =
	| { type: 'academy' }
	| { type: 'cohort'; cohortId: string }
	| { type: 'delegation'; delegationId: string; cohortId: string }
	| { type: 'curriculum' }
	/** The facilitator guides of the curriculum's modules. */
	| { type: 'facilitator-guide' }
	/** The worked example: Valmira's roadmap, shipped with the curriculum. */
	| { type: 'worked-example' }
	| { type: 'learner-progress'; userId: string }
	| { type: 'roadmap'; delegationId: string; cohortId: string; sharedWithCohort: boolean }
	| { type: 'assistance'; delegationId: string; cohortId: string }
	| { type: 'assistance-queue' }
	/** The Sent mail pages: everyone reads the mail sent to them; staff read (`manage`) all of it. */
	| { type: 'mail' }
	| { type: 'mail-message'; toUserId: string | null; toAddress: string }
	/** The audit log: staff read it (page and CSV); nobody changes it. */
	| { type: 'audit-log' }
	/** People's accounts: staff list them, deactivate, reactivate and erase them. */
	| { type: 'people' }
	/** A person's own data (the my-data download): theirs alone. */
	| { type: 'personal-data'; userId: string }

/**
 * `snapshot`: freezing a roadmap under a name, for those who run its cohort. `inspect`: reading what
 * surrounds a roadmap's plan — its history, snapshots, live stream, comments, deleted items, TA
 * requests and who noted what — for its delegation and those who run its cohort, not for the peers
 * who only `view` a roadmap shared with the cohort.
 */
export type Action = 'view' | 'manage' | 'learn' | 'edit' | 'comment' | 'reopen' | 'snapshot' | 'inspect'

export function can(viewer: Viewer, action: Action, resource: Resource): boolean {
	if (resource.type === 'roadmap') return canOnRoadmap(viewer, action, resource)
	if (resource.type === 'assistance') return canOnAssistance(viewer, action, resource)
	if (resource.type === 'assistance-queue') return action === 'view' ? viewer.isStaff || viewer.facilitates.length > 0 : viewer.isStaff
	// Everyone signed in reads the worked example; nobody, staff included, changes it.
	if (resource.type === 'worked-example') return action === 'view'
	if (resource.type === 'audit-log') return action === 'view' && viewer.isStaff
	// Everyone downloads their own data; staff, too, only their own (they see others' on the people pages).
	if (resource.type === 'personal-data') return action === 'view' && resource.userId === viewer.id
	if (viewer.isStaff) return true
	switch (resource.type) {
		case 'academy':
			return false
		case 'curriculum':
			// Everyone signed in reads every module and records their own progress (only delegates'
			// progress shows on facilitator dashboards).
			return action === 'view' || action === 'learn'
		case 'facilitator-guide':
			// Facilitators of any cohort (and staff) read the guides; delegates and alumni do not.
			return action === 'view' && viewer.facilitates.length > 0
		case 'cohort': {
			const facilitates = viewer.facilitates.includes(resource.cohortId)
			if (action === 'manage') return facilitates
			if (action === 'view') {
				return facilitates || viewer.memberships.some((m) => m.cohortId === resource.cohortId)
			}
			return false
		}
		case 'delegation': {
			if (viewer.facilitates.includes(resource.cohortId)) return true
			const member = viewer.memberships.some((m) => m.delegationId === resource.delegationId)
			return action === 'view' && member
		}
		case 'learner-progress':
			return action === 'view' && resource.userId === viewer.id
		case 'mail':
			return action === 'view'
		case 'people':
			return false
		case 'mail-message':
			return action === 'view' && (resource.toUserId === viewer.id || resource.toAddress === viewer.email)
	}
}

/**
 * Roadmaps: the delegation's members edit (alumni too: they record implementation); facilitators
 * of the cohort and staff read and comment, and take snapshots of it; the delegation lead shares it
 * with the cohort and, with staff, reopens a final roadmap; other delegations of the cohort read the
 * plan only when it is shared — not its history, snapshots, live stream, comments, deleted items or TA
 * requests (`inspect`: the delegation and those who run the cohort).
 */
function canOnRoadmap(viewer: Viewer, action: Action, resource: Extract<Resource, { type: 'roadmap' }>) {
	const membership = viewer.memberships.find((m) => m.delegationId === resource.delegationId)
	const runsCohort = viewer.isStaff || viewer.facilitates.includes(resource.cohortId)
	switch (action) {
		case 'view':
			return (
				Boolean(membership) || runsCohort || (resource.sharedWithCohort && viewer.memberships.some((m) => m.cohortId === resource.cohortId))
			)
		case 'edit':
			return Boolean(membership)
		case 'comment':
		case 'inspect':
			return Boolean(membership) || runsCohort
		case 'manage':
			return Boolean(membership?.isLead)
		case 'reopen':
			return Boolean(membership?.isLead) || viewer.isStaff
		case 'snapshot':
			return runsCohort
		default:
			return false
	}
}

/**
 * Technical assistance: the delegation's members ask and write messages; facilitators of the cohort
 * and staff read everything, internal notes included, and write notes; staff triage (assign,
 * schedule, change status).
 */
function canOnAssistance(viewer: Viewer, action: Action, resource: Extract<Resource, { type: 'assistance' }>) {
	const member = viewer.memberships.some((m) => m.delegationId === resource.delegationId)
	const runsCohort = viewer.isStaff || viewer.facilitates.includes(resource.cohortId)
	switch (action) {
		case 'view':
			return member || runsCohort
		case 'edit':
			return member
		case 'comment':
			return runsCohort
		case 'manage':
			return viewer.isStaff
		default:
			return false
	}
}

/** Throws a 403 response (rendered by the error boundary) unless the viewer may do this. */
export function requirePermission(viewer: Viewer, action: Action, resource: Resource) {
	if (!can(viewer, action, resource)) {
		throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' })
	}
}

/** Throws a 404 response when a looked-up record is missing. */
export function invariantResponse<T>(value: T | null | undefined, status = 404, message = 'Not found'): asserts value is T {
	if (value === null || value === undefined) {
		throw new Response(message, { status, statusText: message })
	}
}
