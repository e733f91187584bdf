import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/** The Academy's database, as Kysely sees it. Dates are ISO 8601 strings unless noted. */

import type { AssistanceStatus, AssistanceUrgency } from '#app/features/assistance/assistance.ts'
import type { OfferGap, OfferStatus } from '#app/features/assistance/offers.ts'
import type { CohortStatus, InvitationRole, NapStatus, Sector } from '#app/utils/vocabularies.ts'

export type { AssistanceStatus, CohortStatus, InvitationRole, NapStatus, Sector }

export interface UsersTable {
	id: string
	email: string
	name: string
	password_hash: string
	is_staff: ColumnType<number, number | undefined, number>
	language: 'en' | 'es' | null
	created_at: string
	last_login_at: string | null
	/** Staff deactivated the account: no sign-in, every session ended, history kept. */
	deactivated_at: ColumnType<string | null, string | null | undefined, string | null>
	/** Staff erased the person: name replaced, email removed, private data deleted (app/features/audit/personal-data.server.ts). */
	erased_at: ColumnType<string | null, string | null | undefined, string | null>
}

export interface SessionsTable {
	/** SHA-256 of the session id that the cookie holds; the id itself is never stored. */
	id: string
	user_id: string
	/** Unix seconds. */
	expires_at: number
	/** Unix seconds. */
	created_at: number
}

export interface CohortsTable {
	id: string
	name: string
	host_city: string
	host_country: string
	venue: string | null
	start_date: string
	end_date: string
	prework_due_date: string | null
	status: CohortStatus
	created_at: string
	updated_at: string
}

export interface CohortFacilitatorsTable {
	cohort_id: string
	user_id: string
	created_at: string
}

export interface DelegationsTable {
	id: string
	cohort_id: string
	country_code: string
	nap_status: ColumnType<NapStatus, NapStatus | undefined, NapStatus>
	created_at: string
}

export interface DelegationMembersTable {
	delegation_id: string
	user_id: string
	sector: Sector
	organisation: ColumnType<string, string | undefined, string>
	position: ColumnType<string, string | undefined, string>
	is_lead: ColumnType<number, number | undefined, number>
	joined_at: string
}

export interface InvitationsTable {
	id: string
	/** SHA-256 of the token in the link; the token itself is never stored. */
	token_hash: string
	cohort_id: string
	delegation_id: string | null
	role: InvitationRole
	email: string
	name: ColumnType<string, string | undefined, string>
	sector: Sector | null
	organisation: string | null
	position: string | null
	created_by: string | null
	created_at: string
	expires_at: string
	accepted_at: string | null
	accepted_by: string | null
	revoked_at: string | null
}

export interface LoginAttemptsTable {
	id: Generated<number>
	email: string
	ip: string
	/** The nonce of the signed device cookie presented for this account; null from an untrusted browser. */
	device: string | null
	/** Unix milliseconds. */
	created_at: number
}

/** A lock row per scheduled job: the process that moves started_at on first runs it. */
export interface ScheduledJobsTable {
	name: string
	/** Unix milliseconds. */
	started_at: number
	/** Unix milliseconds; null while it runs (or if it stopped half-way). */
	finished_at: number | null
	/** What it did: the file written, or why it failed. */
	outcome: string | null
}

export interface LessonProgressTable {
	user_id: string
	/** `<module-slug>/<lesson-slug>`: survives content edits that keep the slug. */
	lesson_key: string
	first_viewed_at: string
	last_viewed_at: string
	completed_at: string | null
}

export interface CheckAttemptsTable {
	id: Generated<number>
	user_id: string
	lesson_key: string
	check_id: string
	/** JSON array of the chosen option values. */
	answer: string
	correct: number
	created_at: string
}

export interface ReflectionsTable {
	user_id: string
	lesson_key: string
	reflection_id: string
	body: string
	shared: ColumnType<number, number | undefined, number>
	/** The cohort whose facilitators it is shared with: the person's when they shared it (null when not shared). */
	shared_cohort_id: ColumnType<string | null, string | null | undefined, string | null>
	created_at: string
	updated_at: string
}

export type RoadmapStatus = 'draft' | 'review' | 'final'

export interface RoadmapsTable {
	id: string
	delegation_id: string
	/** ISO 4217 code; amounts are integer minor units of it. */
	currency: ColumnType<string, string | undefined, string>
	status: ColumnType<RoadmapStatus, RoadmapStatus | undefined, RoadmapStatus>
	shared_with_cohort: ColumnType<number, number | undefined, number>
	version: ColumnType<number, number | undefined, number>
	created_at: string
	updated_at: string
}

export interface RoadmapItemsTable {
	id: string
	roadmap_id: string
	kind: string
	parent_id: string | null
	position: ColumnType<number, number | undefined, number>
	/** JSON of the kind's fields; written and read through the kind's zod schema (app/features/roadmap/schemas.ts). */
	data: string
	version: ColumnType<number, number | undefined, number>
	created_at: string
	updated_at: string
	updated_by: string | null
}

export interface RoadmapChangesTable {
	id: Generated<number>
	roadmap_id: string
	item_id: string | null
	kind: string
	/**
	 * What happened: create | update | move | delete | restore | implementation | report (an item's), settings |
	 * status | sharing (the roadmap's). `before` and `after` are JSON whose shape each change name fixes
	 * (CHANGE_JSON in app/features/roadmap/schemas.ts).
	 */
	change: string
	before: string | null
	after: string | null
	user_id: string | null
	created_at: string
}

/** One open live stream of a roadmap (a person with it on screen), refreshed while the stream lasts. */
export interface RoadmapPresenceTable {
	/** The stream's id, random, told to its browser (which says with it what it is editing). */
	id: string
	roadmap_id: string
	user_id: string
	/** The edit key open on that screen (an item id, an add form's key), or null. */
	editing: string | null
	seen_at: string
}

/** Why a snapshot was taken: its cohort closed, or someone who runs the cohort took one. */
export type SnapshotReason = 'close' | 'manual'

/** A roadmap frozen under a name (see app/features/roadmap/snapshots.server.ts). */
export interface RoadmapSnapshotsTable {
	id: Generated<number>
	roadmap_id: string
	/** The name its taker gave; for a close, the cohort's name at that moment (the page words it in the reader's language). */
	name: string
	reason: SnapshotReason
	/** JSON array of the items as they were: id, kind, parentId, position, version, data (read through zod). */
	items: string
	currency: string
	status: RoadmapStatus
	/** The last history row (roadmap_changes.id) of this roadmap the snapshot includes; null when it had none. */
	change_id: number | null
	created_by: string | null
	created_at: string
}

export interface RoadmapCommentsTable {
	id: Generated<number>
	roadmap_id: string
	section: string
	item_id: string | null
	/** The thread's first comment when this one is a reply (threads are one level deep); null for a thread's first comment. */
	parent_id: ColumnType<number | null, number | null | undefined, number | null>
	user_id: string | null
	body: string
	created_at: string
	/** Set on a thread's first comment only: resolving is the thread's. */
	resolved_at: string | null
	resolved_by: string | null
}

/** A reply of someone who runs the cohort to a reflection its author shared with facilitators. */
export interface ReflectionRepliesTable {
	id: Generated<number>
	/** The reflection: its author, lesson and prompt (the key of `reflections`). */
	reflection_user_id: string
	lesson_key: string
	reflection_id: string
	/** The cohort the reply was written in: only those who run it (and the reflection's author) read it. */
	cohort_id: string
	user_id: string | null
	body: string
	created_at: string
}

export interface AssistanceRequestsTable {
	id: string
	delegation_id: string
	section: string | null
	item_id: string | null
	topic: string
	need: string
	urgency: AssistanceUrgency
	due_date: string | null
	language: string
	format: string
	status: ColumnType<AssistanceStatus, AssistanceStatus | undefined, AssistanceStatus>
	scheduled_for: string | null
	decline_reason: string | null
	assignee_id: string | null
	created_by: string | null
	created_at: string
	updated_at: string
	done_at: string | null
}

export interface AssistanceEventsTable {
	id: Generated<number>
	request_id: string
	/** created | message | note | status | assign | schedule */
	kind: string
	/** 1 for staff notes the delegation never sees. */
	internal: ColumnType<number, number | undefined, number>
	body: string | null
	from_value: string | null
	to_value: string | null
	user_id: string | null
	created_at: string
}

/** An offer of technical assistance that staff make from a gap of a roadmap (see offers.server.ts). */
export interface AssistanceOffersTable {
	id: string
	delegation_id: string
	/** The roadmap item the gap is about; null for a gap of a whole section. */
	item_id: string | null
	gap_key: OfferGap
	section: string
	topic: string
	message: string
	status: ColumnType<OfferStatus, OfferStatus | undefined, OfferStatus>
	offered_by: string | null
	created_at: string
	answered_by: string | null
	answered_at: string | null
	/** The request the delegation made by accepting it. */
	request_id: string | null
}

export interface ImplementationUpdatesTable {
	id: Generated<number>
	roadmap_id: string
	item_id: string
	kind: 'action_status' | 'indicator_value'
	status: string | null
	note: string | null
	period: string | null
	value: string | null
	source: string | null
	/** The date the update is about (ISO date). */
	dated: string
	user_id: string | null
	created_at: string
}

/** A person's private calendar feed (/calendar/<token>.ics): one per person, only the token's SHA-256 kept. */
export interface CalendarFeedsTable {
	user_id: string
	/** SHA-256 of the token in the feed's address; the token itself is never stored. */
	token_hash: string
	created_at: string
}

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'kept'

export interface MailOutboxTable {
	id: string
	to_address: string
	to_user_id: string | null
	language: 'en' | 'es'
	category: string
	template: string
	subject: string
	text: string
	html: string
	/** JSON array of { filename, contentType, content (base64) }, or null. */
	attachments: string | null
	/** JSON object of extra headers (List-Unsubscribe…). */
	headers: ColumnType<string, string | undefined, string>
	status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>
	attempts: ColumnType<number, number | undefined, number>
	next_attempt_at: string
	last_error: string | null
	caused_by: string | null
	/** What the message is about (`invitation:<id>`), to show its status where it was caused. */
	about: string | null
	created_at: string
	sent_at: string | null
	claimed_by: string | null
	claimed_until: string | null
}

export interface PasswordResetsTable {
	id: string
	user_id: string
	/** SHA-256 of the token in the link; the token itself is never stored. */
	token_hash: string
	/** The staff member who sent the link, or null when the person asked for it. */
	created_by: string | null
	created_at: string
	expires_at: string
	used_at: string | null
}

export interface PasswordResetRequestsTable {
	id: Generated<number>
	email: string
	ip: string
	/** Unix milliseconds. */
	created_at: number
}

export interface NotificationsTable {
	id: string
	user_id: string
	category: string
	kind: string
	/** JSON, parsed with the kind's zod schema when read (app/features/notifications/notifications.ts). */
	data: string
	created_at: string
	read_at: string | null
	/** How it reaches the person by mail: `sent` (in outbox message `mail_id`), `pending` (a batch or digest will), `off`. */
	mail: ColumnType<'pending' | 'sent' | 'off', 'pending' | 'sent' | 'off' | undefined, 'pending' | 'sent' | 'off'>
	mail_id: string | null
	/** Set for scheduled notifications: each key is inserted once, so scheduled work never repeats itself. */
	dedupe_key: string | null
}

export interface NotificationSettingsTable {
	user_id: string
	category: string
	mail: 'immediate' | 'daily' | 'off'
	/** The alumni reminder's period in days (category `alumni` only). */
	quiet_days: number | null
	updated_at: string
}

/** When a person last got each batched mail (`comments`, `daily`). */
export interface NotificationMailingsTable {
	user_id: string
	batch: string
	last_at: string
}

/** Two-step sign-in of one person: started (confirmed_at null) or on. */
export interface TwoStepTable {
	user_id: string
	/** The TOTP secret, encrypted (`v1:<key id>:<iv>:<ciphertext>:<tag>`, AES-256-GCM); never sent back once confirmed. */
	secret: string
	created_at: string
	confirmed_at: string | null
	/** The newest 30-second time step whose code was accepted (a code is never accepted twice). */
	last_step: number | null
}

export interface TwoStepRecoveryCodesTable {
	/** SHA-256 of the person's id and the code; the code itself is never stored. */
	code_hash: string
	user_id: string
	created_at: string
	used_at: string | null
}

/** A sign-in whose password was right, waiting for its second step. */
export interface TwoStepPendingTable {
	/** SHA-256 of the token in the browser's cookie. */
	id: string
	user_id: string
	redirect_to: string
	failures: ColumnType<number, number | undefined, number>
	/** Unix milliseconds. */
	created_at: number
	/** Unix milliseconds. */
	expires_at: number
}

/**
 * One sensitive event (app/features/audit/audit.server.ts). Append-only: triggers refuse UPDATE and
 * DELETE except the retention pruning and an erased actor's name (db/migrations/2026-12-09_01_audit_log.ts).
 */
export interface AuditLogTable {
	id: Generated<number>
	at: string
	actor_id: string | null
	/** The actor's name at the time (replaced when the actor is erased). */
	actor_name: string | null
	/** One of AUDIT_ACTIONS. */
	action: string
	target_type: string | null
	target_id: string | null
	cohort_id: string | null
	ip: string | null
	/** JSON object, read through AuditDetailsSchema; never names, emails, hashes or tokens. */
	details: ColumnType<string, string | undefined, string>
}

export interface Database {
	users: UsersTable
	sessions: SessionsTable
	cohorts: CohortsTable
	cohort_facilitators: CohortFacilitatorsTable
	delegations: DelegationsTable
	delegation_members: DelegationMembersTable
	invitations: InvitationsTable
	login_attempts: LoginAttemptsTable
	scheduled_jobs: ScheduledJobsTable
	lesson_progress: LessonProgressTable
	check_attempts: CheckAttemptsTable
	reflections: ReflectionsTable
	reflection_replies: ReflectionRepliesTable
	roadmaps: RoadmapsTable
	roadmap_items: RoadmapItemsTable
	roadmap_changes: RoadmapChangesTable
	roadmap_presence: RoadmapPresenceTable
	roadmap_comments: RoadmapCommentsTable
	roadmap_snapshots: RoadmapSnapshotsTable
	assistance_requests: AssistanceRequestsTable
	assistance_events: AssistanceEventsTable
	assistance_offers: AssistanceOffersTable
	implementation_updates: ImplementationUpdatesTable
	calendar_feeds: CalendarFeedsTable
	mail_outbox: MailOutboxTable
	password_resets: PasswordResetsTable
	password_reset_requests: PasswordResetRequestsTable
	notifications: NotificationsTable
	notification_settings: NotificationSettingsTable
	notification_mailings: NotificationMailingsTable
	two_step: TwoStepTable
	two_step_recovery_codes: TwoStepRecoveryCodesTable
	two_step_pending: TwoStepPendingTable
	audit_log: AuditLogTable
}

export type MailMessage = Selectable<MailOutboxTable>
export type NewMailMessage = Insertable<MailOutboxTable>

export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type Cohort = Selectable<CohortsTable>
export type NewCohort = Insertable<CohortsTable>
export type CohortUpdate = Updateable<CohortsTable>
export type Delegation = Selectable<DelegationsTable>
export type NewDelegation = Insertable<DelegationsTable>
export type DelegationMember = Selectable<DelegationMembersTable>
export type NewDelegationMember = Insertable<DelegationMembersTable>
export type Invitation = Selectable<InvitationsTable>
export type NewInvitation = Insertable<InvitationsTable>
export type LessonProgress = Selectable<LessonProgressTable>
export type CheckAttempt = Selectable<CheckAttemptsTable>
export type Reflection = Selectable<ReflectionsTable>
export type ReflectionReply = Selectable<ReflectionRepliesTable>
export type Roadmap = Selectable<RoadmapsTable>
export type RoadmapItemRow = Selectable<RoadmapItemsTable>
export type RoadmapSnapshotRow = Selectable<RoadmapSnapshotsTable>
export type NewRoadmapSnapshot = Insertable<RoadmapSnapshotsTable>
export type AssistanceOffer = Selectable<AssistanceOffersTable>
export type NewAssistanceOffer = Insertable<AssistanceOffersTable>
