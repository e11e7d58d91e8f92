/**
 * What each audit event means, in words a partnership's officer reads in the audit log. The raw event name is
 * printed beside the label, so an event without one here still reads (as its name, humanised) and can be filtered.
 * event-labels.test.ts fails when an event the code records has no label.
 */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  // Accounts and signing in
  'user.signed_in': 'Signed in',
  'user.sign_in_failed': 'Failed sign-in',
  'user.created': 'Account created',
  'user.invited': 'Invited to sign in',
  'user.role_granted': 'Role given',
  'user.role_removed': 'Role removed',
  'user.disabled': 'Account disabled',
  'user.enabled': 'Account re-enabled',
  'user.person_linked': 'Account linked to a person record',
  'user.person_unlinked': 'Account unlinked from its person record',
  'user.password_set': 'Password set from an invitation',
  'user.password_reset_requested': 'Password reset asked for',
  'user.password_reset': 'Password reset from an emailed link',
  'user.password_changed': 'Password changed',
  'user.password_change_failed': 'Password change refused: wrong current password',
  'user.two_factor_enabled': 'Two-factor sign-in turned on',
  'user.two_factor_disabled': 'Two-factor sign-in turned off',
  'user.recovery_codes_generated': 'New recovery codes made',
  'user.recovery_code_used': 'Signed in with a recovery code',
  'user.second_factor_failed': 'Wrong two-factor code',
  'user.two_factor_set_up_started': 'Two-factor set-up started',
  'user.passkey_added': 'Passkey added',
  'user.passkey_removed': 'Passkey removed',
  'user.other_sessions_ended': 'Signed out everywhere else',
  'user.sso_unlinked': 'Single sign-on unlinked',
  'user.sso_linked': 'Single sign-on linked',
  'user.sso_refused': 'Single sign-on refused',
  'user.session_ended': 'Session signed out',
  'security.settings_changed': 'Security settings changed',
  'audit.exported': 'Audit log downloaded',
  'demo.seeded': 'Demo data loaded',

  // Structure
  'partnership.created': 'Partnership created',
  'partnership.updated': 'Partnership changed',
  'partnership.partner_added': 'Partner organisation added',
  'partnership.partner_removed': 'Partner organisation removed',
  'partnership.partner_moved': 'Partner organisation moved in the list',
  'organisation.created': 'Organisation created',
  'organisation.updated': 'Organisation changed',
  'person.created': 'Person added',
  'person.updated': 'Person changed',
  'person.reminders_opted_out': 'Person opted out of reminders',
  'body.created': 'Body created',
  'body.updated': 'Body changed',
  'membership.created': 'Seat added',
  'membership.updated': 'Seat changed',
  'membership.ended': 'Seat ended',

  // Meetings, agendas, papers and minutes
  'meeting.scheduled': 'Meeting scheduled',
  'meeting.updated': 'Meeting changed',
  'meeting.moved': 'Meeting moved',
  'meeting.cancelled': 'Meeting cancelled',
  'meeting.imported': 'Meeting imported',
  'meeting.reimported': 'Meeting imported again',
  'meeting.attendance_recorded': 'Attendance recorded',
  'agenda_item.added': 'Agenda item added',
  'agenda_item.updated': 'Agenda item changed',
  'agenda_item.deleted': 'Agenda item deleted',
  'agenda_item.moved': 'Agenda item moved',
  'agenda_item.topic_added': 'Topic added to an item',
  'agenda_item.topic_removed': 'Topic removed from an item',
  'agenda.published': 'Agenda published',
  'paper.uploaded': 'Paper uploaded',
  'paper.deleted': 'Paper deleted',
  'item.minutes_saved': 'Minutes of an item saved',
  'minutes.draft_published': 'Draft minutes published',
  'minutes.approved': 'Minutes approved',
  'minutes.corrected': 'Correction to approved minutes',
  'decision.added': 'Decision added',
  'decision.changed': 'Decision changed',
  'decision.deleted': 'Decision deleted',
  'topic.created': 'Topic created',

  // Actions
  'action.recorded': 'Action recorded',
  'action.changed': 'Action changed',
  'action.updated': 'Update added to an action',
  'action.status_changed': 'Action status changed',
  'action.linked': 'Actions linked',
  'action.unlinked': 'Actions unlinked',
  'action.reported_at_meeting': 'Action reported at a meeting',
  'action.owner_link_sent': 'Owner’s update link sent',
  'action.updated_by_owner': 'Owner added an update',
  'action.completed_by_owner': 'Owner marked it completed',
  'matters_arising.generated': 'Matters arising item made',

  // Channels and imports
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
  'subscription.requested': 'Email alerts asked for',
  'subscription.confirmed': 'Email alerts confirmed',
  'subscription.unsubscribed': 'Email alerts stopped',
  'import.queued': 'Import started',
  'import.discarded': 'Import discarded',
}

/** An event's name as a filter accepts it (the shape every recorded event has). */
export const EVENT_NAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/

/** "Role given"; an event with no label reads as its name: `user.thing_done` -> "User: thing done". */
export function eventLabel(event: string): string {
  const label = EVENT_LABELS[event]
  if (label) return label
  const dot = event.indexOf('.')
  if (dot < 0) return event
  const what = event.slice(0, dot).replace(/_/g, ' ')
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}: ${event.slice(dot + 1).replace(/_/g, ' ')}`
}

/** The event filter's choices, by label. */
export const EVENT_OPTIONS: { value: string; text: string }[] = Object.entries(EVENT_LABELS)
  .map(([value, text]) => ({ value, text: `${text} (${value})` }))
  .sort((a, b) => a.text.localeCompare(b.text, 'en-GB'))

/** What kind of record an event is about, in words. */
export const SUBJECT_LABELS: Readonly<Record<string, string>> = {
  user: 'Account',
  person: 'Person',
  organisation: 'Organisation',
  partnership: 'Partnership',
  body: 'Body',
  membership: 'Seat',
  meeting: 'Meeting',
  agenda_item: 'Agenda item',
  document: 'Paper',
  decision: 'Decision',
  action: 'Action',
  topic: 'Topic',
  api_token: 'API token',
  email_subscription: 'Email alert subscription',
  import_job: 'Import',
  audit_log: 'Audit log',
}

export const subjectLabel = (type: string): string => SUBJECT_LABELS[type] ?? type.replace(/_/g, ' ').replace(/^./, (ch) => ch.toUpperCase())
