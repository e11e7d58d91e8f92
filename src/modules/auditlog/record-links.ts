import { accountPaths } from '../accounts/accounts.paths.ts'
import { actionPaths } from '../actions/actions.paths.ts'
import { apiPaths } from '../api/api.paths.ts'
import { importerPaths } from '../importer/importer.paths.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { topicPaths } from '../topics/topics.paths.ts'

/** What the log knows of an event's record: enough to say where its page is. */
export type RecordRef = { subjectType: string; subjectId: string; partnershipId: string | null; data: Record<string, unknown> }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const id = (v: unknown): string | undefined => (typeof v === 'string' && UUID.test(v) ? v : undefined)

/**
 * The staff page of an event's record, where there is one. A deleted item, paper or decision links to the
 * meeting or item it was on, which is still there. The page applies its own access rules.
 */
const LINKS: Record<string, (r: RecordRef, subject: string) => string | undefined> = {
  user: (_r, s) => accountPaths.manage.user(s),
  person: (_r, s) => structurePaths.manage.editPerson(s),
  organisation: (_r, s) => structurePaths.manage.editOrganisation(s),
  partnership: (_r, s) => structurePaths.manage.partnership(s),
  body: (_r, s) => structurePaths.manage.body(s),
  membership: (_r, s) => structurePaths.manage.editMembership(s),
  meeting: (_r, s) => meetingPaths.manage.meeting(s),
  agenda_item: (r) => (id(r.data.meetingId) ? meetingPaths.manage.meeting(id(r.data.meetingId)!) : undefined),
  document: (r) => (id(r.data.meetingId) ? meetingPaths.manage.meeting(id(r.data.meetingId)!) : undefined),
  decision: (r) => (id(r.data.itemId) ? meetingPaths.manage.itemMinutes(id(r.data.itemId)!) : undefined),
  action: (_r, s) => actionPaths.manage.action(s),
  topic: (r) => (r.partnershipId ? topicPaths.manage.topics(r.partnershipId) : undefined),
  api_token: (r) => (r.partnershipId ? apiPaths.manage.tokens(r.partnershipId) : undefined),
  import_job: (r, s) => (r.partnershipId ? importerPaths.job(r.partnershipId, s) : undefined),
}

export function recordHref(ref: RecordRef): string | undefined {
  const subject = id(ref.subjectId)
  const link = LINKS[ref.subjectType]
  return subject && link ? link(ref, subject) : undefined
}
