import { formatDateTime, formatLongDate, formatTime } from '../../shared/dates.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import type { ImportDocumentRow, ImportJobRow } from './importer.repository.ts'
import type { DocumentPlan, FieldChange, StoredParse } from './importer.types.ts'
import type { ImportDocumentStatus } from './importer.tables.ts'
import { importerPaths } from './importer.paths.ts'
import type { ParsedMeeting } from './parser/types.ts'

const PREVIEW = 240
const preview = (text: string): string => (text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1).trimEnd()}…` : text)

type Tag = { text: string; classes: string }

const STATUS_TAGS: Record<ImportDocumentStatus, Tag> = {
  pending: { text: 'Waiting', classes: 'govuk-tag--grey' },
  created: { text: 'Created', classes: 'govuk-tag--green' },
  updated: { text: 'Updated', classes: 'govuk-tag--blue' },
  unchanged: { text: 'Unchanged', classes: 'govuk-tag--grey' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
  not_a_meeting_record: { text: 'Not a meeting record', classes: 'govuk-tag--orange' },
  skipped: { text: 'Skipped', classes: 'govuk-tag--grey' },
}

function planTag(plan: DocumentPlan | undefined): { tag: Tag; text: string } {
  switch (plan?.kind) {
    case 'create':
      return { tag: { text: 'New meeting', classes: 'govuk-tag--green' }, text: `A new meeting of ${plan.bodyName} will be created.` }
    case 'update':
      return {
        tag: { text: 'Update', classes: 'govuk-tag--blue' },
        text: `The meeting of ${plan.bodyName} already imported on this date will be updated in place; anything changed in Joined Up since is kept.`,
      }
    case 'refused':
      return { tag: { text: 'Will not be imported', classes: 'govuk-tag--red' }, text: plan.reason }
    case 'body_missing':
      return {
        tag: { text: 'Body not found', classes: 'govuk-tag--yellow' },
        text: `This partnership has no body called “${plan.bodyName}”. Tick “create bodies” below to create it, or upload again choosing the body.`,
      }
    case 'no_body':
      return { tag: { text: 'No body', classes: 'govuk-tag--red' }, text: 'The page names no body: upload it again choosing the body.' }
    case 'no_date':
      return { tag: { text: 'No date', classes: 'govuk-tag--red' }, text: 'The page gives no meeting date: upload it again with the date.' }
    default:
      return {
        tag: STATUS_TAGS.not_a_meeting_record,
        text: 'This file is not a meeting record: nothing will be imported from it.',
      }
  }
}

const minutesState = (m: ParsedMeeting): string =>
  m.minutesDraft === true ? 'Draft minutes' : m.minutesDraft === false ? 'Approved minutes ("Agenda and minutes")' : 'Not stated'

const row = (key: string, value: string | null) => ({ key: { text: key }, value: { text: value ?? 'Not given' } })

/** One document on the review screen: everything recognised, with every warning. */
function reviewDocument(doc: ImportDocumentRow, plan: DocumentPlan | undefined) {
  const m = (doc.parsed as StoredParse | null)?.meeting ?? null
  const { tag, text } = planTag(plan)
  const base = { id: doc.id, anchor: `document-${doc.position + 1}`, fileName: doc.fileName, tag, planText: text }
  if (!m || m.kind !== 'meeting') return { ...base, isMeeting: false as const, warnings: m?.warnings ?? [] }
  return {
    ...base,
    isMeeting: true as const,
    heading: [m.body ?? 'Unknown body', m.date ? formatLongDate(m.date) : 'unknown date'].join(', '),
    summaryRows: [
      row('Body', m.body),
      row('Date', m.date ? formatLongDate(m.date) : null),
      row('Time', m.time ? formatTime(m.time) : null),
      ...(m.movedFrom ? [row('Moved from', formatLongDate(m.movedFrom))] : []),
      row('Venue', m.venue),
      row('Contact', m.contactDetails ?? m.contact),
      row('Minutes', minutesState(m)),
      row('Next meeting', m.nextMeeting ? formatLongDate(m.nextMeeting) : null),
    ],
    warnings: m.warnings,
    items: m.items.map((i) => ({
      number: i.number ?? 'No number',
      title: i.title,
      minutes: i.minutes ? preview(i.minutes) : '',
      decisions: i.decisions.length,
      papers: i.papers.map((p) => `${p.title} (${p.sizeText})`),
    })),
    attendees: m.attendees,
    apologies: m.apologies,
    decisions: m.decisions.map(preview),
    actions: m.actions.map((a) => [{ text: a.what }, { text: a.who ?? 'Not given' }, { text: a.when ? formatLongDate(a.when) : 'Not given' }, { text: a.status ?? 'Not given' }]),
  }
}

function changeText(c: FieldChange): string {
  const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v))
  const show = (v: unknown): string => (v === null || v === undefined ? 'nothing' : Array.isArray(v) ? `${v.length} listed` : `“${str(v)}”`)
  if (c.field === 'created') return `${c.what}: created${c.to ? ` (${str(c.to)})` : ''}`
  if (c.field === 'deleted') return `${c.what}: removed (not on the page any more)`
  if (c.field === 'scheduled') return `${c.what}: scheduled for ${str(c.to)}`
  return `${c.what}: ${c.field} changed from ${show(c.from)} to ${show(c.to)}`
}

type StoredReport = { changes?: FieldChange[]; notes?: string[] }
const reportOf = (value: unknown): StoredReport | null => (value && typeof value === 'object' ? value : null)

/** One document of the final report. */
function reportDocument(doc: ImportDocumentRow) {
  const report = reportOf(doc.report)
  const changes = report?.changes ?? []
  const m = (doc.parsed as StoredParse | null)?.meeting ?? null
  return {
    fileName: doc.fileName,
    tag: STATUS_TAGS[doc.status],
    meetingHref: doc.meetingId ? meetingPaths.manage.meeting(doc.meetingId) : null,
    heading: m && m.kind === 'meeting' ? [m.body ?? 'Unknown body', m.date ? formatLongDate(m.date) : 'unknown date'].join(', ') : null,
    error: doc.status === 'not_a_meeting_record' ? (m?.warnings[0] ?? 'Not a meeting record') : doc.error,
    changes: changes.slice(0, 100).map(changeText),
    moreChanges: Math.max(0, changes.length - 100),
    notes: report?.notes ?? [],
  }
}

export function jobView(
  partnership: { id: string; name: string },
  job: ImportJobRow,
  documents: ImportDocumentRow[],
  plans: Map<string, DocumentPlan>,
) {
  const remaining = job.total - job.done
  const breadcrumbs = [
    { text: 'Manage', href: '/manage' },
    { text: partnership.name, href: structurePaths.manage.partnership(partnership.id) },
    { text: 'Import meeting records', href: importerPaths.upload(partnership.id) },
  ]
  const base = {
    partnership,
    job,
    breadcrumbs,
    startAction: importerPaths.start(partnership.id, job.id),
    discardAction: importerPaths.discard(partnership.id, job.id),
    selfHref: importerPaths.job(partnership.id, job.id),
    uploadHref: importerPaths.upload(partnership.id),
  }
  if (job.status === 'reviewing') {
    const docs = documents.map((d) => reviewDocument(d, plans.get(d.id)))
    const importable = docs.filter((d) => d.isMeeting && !['no_body', 'no_date', 'refused'].includes(plans.get(d.id)?.kind ?? '')).length
    return {
      ...base,
      mode: 'review' as const,
      pageTitle: 'Check what was recognised',
      docs,
      contents: docs.map((d) => ({ href: `#${d.anchor}`, text: d.fileName, tag: d.tag })),
      importable,
      anyBodyMissing: [...plans.values()].some((p) => p.kind === 'body_missing'),
    }
  }
  const finished = job.status === 'finished' || job.status === 'discarded'
  return {
    ...base,
    mode: finished ? ('report' as const) : ('progress' as const),
    pageTitle: finished ? (job.status === 'discarded' ? 'Import discarded' : 'Import report') : 'Importing',
    progress: { total: job.total, done: job.done, failed: job.failed, remaining },
    docs: documents.map(reportDocument),
    finishedAt: job.finishedAt ? formatDateTime(job.finishedAt) : null,
  }
}

const JOB_STATUS: Record<ImportJobRow['status'], string> = {
  reviewing: 'Waiting for review',
  queued: 'Queued',
  running: 'Importing',
  finished: 'Finished',
  discarded: 'Discarded',
}

export function uploadView(
  partnership: { id: string; name: string },
  bodies: { id: string; name: string }[],
  jobs: ImportJobRow[],
  values: Record<string, unknown>,
  paging: { page: number; hasNext: boolean } = { page: 1, hasNext: false },
) {
  const pageHref = (n: number) => `${importerPaths.upload(partnership.id)}?page=${n}#recent`
  return {
    pagination:
      paging.page > 1 || paging.hasNext
        ? {
            ...(paging.page > 1 ? { previous: { href: pageHref(paging.page - 1) } } : {}),
            ...(paging.hasNext ? { next: { href: pageHref(paging.page + 1) } } : {}),
          }
        : null,
    pageTitle: 'Import meeting records',
    partnership,
    action: importerPaths.upload(partnership.id),
    breadcrumbs: [
      { text: 'Manage', href: '/manage' },
      { text: partnership.name, href: structurePaths.manage.partnership(partnership.id) },
    ],
    bodyItems: [
      { value: '', text: 'The body named on each page' },
      ...bodies.map((b) => ({ value: b.id, text: b.name, selected: values.bodyId === b.id })),
    ],
    jobRows: jobs.map((j) => [
      { html: `<a class="govuk-link" href="${importerPaths.job(partnership.id, j.id)}">${formatDateTime(j.createdAt)}</a>` },
      { text: JOB_STATUS[j.status] },
      { text: String(j.total), format: 'numeric' },
      { text: String(j.failed), format: 'numeric' },
    ]),
  }
}
