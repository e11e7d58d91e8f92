import type { FieldErrors } from '../../platform/http/errors.ts'
import { addDays, formatDateTime, formatLongDate } from '../../shared/dates.ts'
import { describePaper } from '../../shared/paper-types.ts'
import { exemptText, MEETING_STATUS_TAGS, whenText } from '../../shared/record-text.ts'
import type { ActionOnLog } from '../actions/actions.service.ts'
import { isOverdue, STATUS_LABELS } from '../actions/actions.types.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import type { AgendaEntry, DocumentMeta } from '../meetings/meetings.service.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { memberPaths } from './members.paths.ts'
import type { MemberBody, MemberHome } from './members.service.ts'

/** An action due within this many days asks its owner for an update. */
export const DUE_SOON_DAYS = 14

const ACTION_STATUS_CLASSES = { open: 'govuk-tag--blue', in_progress: 'govuk-tag--light-blue', completed: 'govuk-tag--green', cleared: 'govuk-tag--grey', dropped: 'govuk-tag--grey' } as const

/** An action's description as one line of plain text, for a list (the page of the action prints it whole). */
export function summaryOf(markdown: string, max = 140): string {
  const line = markdown
    .replace(/[*_`#>[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line
}

/**
 * Why an action asks its owner for a word now, or null: it is open or in progress, and overdue, due within
 * DUE_SOON_DAYS, or has no update yet. A completed action waits for a meeting to clear it: nothing to do.
 */
export function updateAsked(action: Pick<ActionOnLog, 'status' | 'dueOn' | 'latestUpdate'>, today: string): string | null {
  if (action.status !== 'open' && action.status !== 'in_progress') return null
  if (isOverdue(action, today)) return `Overdue: it was due on ${formatLongDate(action.dueOn!)}`
  if (action.dueOn && action.dueOn <= addDays(today, DUE_SOON_DAYS)) return `Due on ${formatLongDate(action.dueOn)}`
  if (!action.latestUpdate) return 'No update yet'
  return null
}

function paperRows(papers: DocumentMeta[]) {
  return papers.map((p) => ({
    title: p.title,
    href: meetingPaths.public.paper(p.id, p.filename),
    description: describePaper(p.mediaType, p.sizeBytes),
    exempt: p.isExempt,
  }))
}

function agendaRows(agenda: AgendaEntry[]) {
  const exemptIds = new Set(agenda.filter((i) => i.isExempt).map((i) => i.id))
  return agenda.map((item) => ({
    number: item.number,
    title: item.title,
    isSubItem: item.isSubItem,
    exempt: item.isExempt && item.exemptParagraph ? exemptText(item.exemptParagraph) : item.isExempt || (item.parentItemId !== null && exemptIds.has(item.parentItemId)) ? 'Exempt' : null,
    papers: paperRows(item.papers),
  }))
}

function bodySection({ body, next, later }: MemberBody) {
  return {
    id: body.id,
    name: body.name,
    partnershipName: body.partnership.name,
    publicHref: structurePaths.public.body(body.slug),
    next: next
      ? {
          when: whenText(next.meeting.date, next.meeting.startTime),
          venue: next.meeting.venue,
          status: MEETING_STATUS_TAGS[next.meeting.status],
          published: next.published,
          publicHref: next.published ? meetingPaths.public.meeting(next.meeting.id) : null,
          items: agendaRows(next.agenda),
          papers: paperRows(next.papers),
          hasExempt: next.agenda.some((i) => i.isExempt || i.papers.some((p) => p.isExempt)) || next.papers.some((p) => p.isExempt),
        }
      : null,
    later: later.map((m) => ({ when: whenText(m.date, m.startTime) })),
  }
}

function actionRows(actions: ActionOnLog[], today: string) {
  return actions.map((a) => ({
    id: a.id,
    href: memberPaths.action(a.id),
    summary: summaryOf(a.description),
    body: a.bodyName,
    due: a.dueOn ? formatLongDate(a.dueOn) : 'No due date',
    overdue: isOverdue(a, today),
    status: { text: STATUS_LABELS[a.status], classes: ACTION_STATUS_CLASSES[a.status] },
    latest: a.latestUpdate ? `${formatDateTime(new Date(a.latestUpdate.createdAt))}: ${summaryOf(a.latestUpdate.text, 100)}` : 'No update yet',
  }))
}

/**
 * What the member is asked to do: give an update on their actions that need one, and read the papers of (and
 * report at the matters arising of) their bodies' next meetings.
 */
function toDo(home: MemberHome) {
  const items: { text: string; href: string; hint: string }[] = []
  for (const a of home.actions) {
    const why = updateAsked(a, home.today)
    if (why) items.push({ text: `Give an update on “${summaryOf(a.description, 80)}”`, href: memberPaths.action(a.id), hint: `${a.bodyName}. ${why}` })
  }
  for (const { body, next } of home.bodies) {
    if (!next) continue
    const onLog = home.actions.filter((a) => a.bodyId === body.id).length
    const report = onLog ? ` Your ${onLog === 1 ? 'action' : `${onLog} actions`} on its log will come up under matters arising.` : ''
    const text = next.published ? `Read the papers for ${body.name}` : `Prepare for ${body.name}`
    const hint = `${whenText(next.meeting.date, next.meeting.startTime)}.${next.published ? '' : ' The agenda has not been published yet.'}${report}`
    items.push({ text, href: `#body-${body.id}`, hint })
  }
  return items
}

export function homePage(user: { displayName: string; memberOf: string[]; personId?: string | null | undefined }, home: MemberHome) {
  return {
    pageTitle: 'Your meetings and actions',
    name: user.displayName,
    linked: !!user.personId,
    toDo: toDo(home),
    bodies: home.bodies.map(bodySection),
    actions: actionRows(home.actions, home.today),
  }
}

/** One of the member's actions, with the form to update it. */
export function actionPage(
  { action, today }: { action: ActionOnLog; today: string },
  form: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
) {
  const values = form.values ?? {}
  return {
    pageTitle: `Update your action – ${summaryOf(action.description, 60)}`,
    action: {
      id: action.id,
      description: action.description,
      body: `${action.bodyName} (${action.partnershipName})`,
      due: action.dueOn ? formatLongDate(action.dueOn) : 'No due date',
      raised: formatLongDate(action.raisedOn),
      overdue: isOverdue(action, today),
      status: { text: STATUS_LABELS[action.status], classes: ACTION_STATUS_CLASSES[action.status] },
      latest: action.latestUpdate ? { when: formatDateTime(new Date(action.latestUpdate.createdAt)), text: action.latestUpdate.text } : null,
      completed: action.status === 'completed',
      why: updateAsked(action, today),
    },
    formAction: memberPaths.action(action.id),
    values: { text: typeof values.text === 'string' ? values.text : '', completed: values.completed === 'true' || values.completed === true },
    errors: form.errors ?? {},
    backLink: { href: memberPaths.home(), text: 'Back to your meetings and actions' },
  }
}
