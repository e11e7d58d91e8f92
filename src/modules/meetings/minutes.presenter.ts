import { approvalLines, exemptText, MEETING_STATUS_TAGS, personName, ROLE_LABELS, whenText } from '../../shared/record-text.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import type { AgendaEntry, MeetingRow, MeetingWithBody } from './meetings.service.ts'
import { meetingPaths } from './meetings.paths.ts'
import type {
  ApprovalHistory,
  AttendanceView,
  PersonOption,
  SeatHolder,
} from './minutes.service.ts'
import { MAX_MINUTES } from './minutes.schemas.ts'

/** Turns minutes rows and published views into what the templates print. No logic in templates. */

type Values = Record<string, string | string[] | undefined>
const str = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '')
const err = (errors: FieldErrors | undefined, key: string) => (errors?.[key] ? { text: errors[key] } : undefined)

/** "Chorley Public Service Reform Board, Tuesday 10 February 2015, 2.30pm" */
export function meetingLabel(meeting: MeetingWithBody): string {
  return `${meeting.body.name}, ${whenText(meeting.date, meeting.startTime)}`
}

// ---------------------------------------------------------------- staff: attendance

type AttendanceFormData = {
  meeting: MeetingWithBody
  members: SeatHolder[]
  attendance: AttendanceView[]
  people: PersonOption[]
  lockReason: string | null
}

const EXTRA_BLANK_ROWS = 3

/** The form's values from what is saved: `members.0.status`, `others.1.personId` ... */
export function attendanceValues(data: Omit<AttendanceFormData, 'people' | 'lockReason'>): Values {
  const values: Values = { version: String(data.meeting.version) }
  const byPerson = new Map(data.attendance.map((a) => [a.personId, a]))
  data.members.forEach((m, i) => {
    const a = byPerson.get(m.person.id)
    values[`members.${i}.personId`] = m.person.id
    values[`members.${i}.status`] = a && a.status !== 'in_attendance' ? a.status : ''
    values[`members.${i}.deputyForPersonId`] = a?.deputyFor?.id ?? ''
  })
  const memberIds = new Set(data.members.map((m) => m.person.id))
  data.attendance
    .filter((a) => !memberIds.has(a.personId))
    .forEach((a, i) => {
      values[`others.${i}.personId`] = a.personId
      values[`others.${i}.capacity`] = a.capacity ?? ''
      values[`others.${i}.deputyForPersonId`] = a.deputyFor?.id ?? ''
    })
  return values
}

export function attendanceFormPage(data: AttendanceFormData, values: Values | undefined, errors?: FieldErrors) {
  const v = values ?? attendanceValues(data)
  const memberOptions = (selected: string, except: string) => [
    { value: '', text: 'Select a member' },
    ...data.members
      .filter((m) => m.person.id !== except)
      .map((m) => ({ value: m.person.id, text: personName(m.person), selected: m.person.id === selected })),
  ]

  const memberRows = data.members.map((m, i) => {
    const status = str(v[`members.${i}.status`])
    const deputyFor = str(v[`members.${i}.deputyForPersonId`])
    const name = personName(m.person)
    const hint = [ROLE_LABELS[m.role], m.organisation?.name].filter(Boolean).join(', ')
    return {
      index: i,
      personId: m.person.id,
      radios: {
        idPrefix: `members-${i}-status`,
        name: `members.${i}.status`,
        classes: 'govuk-radios--inline govuk-radios--small',
        fieldset: { legend: { text: name, classes: 'govuk-fieldset__legend--s' } },
        hint: { text: hint },
        errorMessage: err(errors, `members.${i}.status`),
        items: [
          { value: 'present', text: 'Present', checked: status === 'present' },
          { value: 'apologies', text: 'Apologies', checked: status === 'apologies' },
          { value: 'absent', text: 'Absent', checked: status === 'absent' },
          { value: 'deputy', text: 'Deputy', checked: status === 'deputy' },
        ],
      },
      deputySelect: {
        id: `members-${i}-deputyForPersonId`,
        name: `members.${i}.deputyForPersonId`,
        label: { text: `If ${name} attended as a deputy: the member they stood in for`, classes: 'govuk-label--s govuk-!-font-weight-regular' },
        classes: 'govuk-!-width-one-half',
        items: memberOptions(deputyFor, m.person.id),
        errorMessage: err(errors, `members.${i}.deputyForPersonId`),
      },
    }
  })

  let otherCount = 0
  for (const key of Object.keys(v)) {
    const m = /^others\.(\d+)\./.exec(key)
    if (m) otherCount = Math.max(otherCount, Number(m[1]) + 1)
  }
  const personOptions = (selected: string) => [
    { value: '', text: 'Select a person' },
    ...data.people.map((p) => ({
      value: p.id,
      text: [personName(p), p.jobTitle, p.organisationName].filter(Boolean).join(', '),
      selected: p.id === selected,
    })),
  ]
  const otherRows = Array.from({ length: otherCount + EXTRA_BLANK_ROWS }, (_, i) => ({
    index: i,
    legend: `Person ${i + 1}`,
    personSelect: {
      id: `others-${i}-personId`,
      name: `others.${i}.personId`,
      label: { text: 'Person' },
      items: personOptions(str(v[`others.${i}.personId`])),
      errorMessage: err(errors, `others.${i}.personId`),
    },
    capacityInput: {
      id: `others-${i}-capacity`,
      name: `others.${i}.capacity`,
      label: { text: 'Capacity (optional)' },
      hint: { text: 'For example, Facilitator or Officer' },
      classes: 'govuk-!-width-two-thirds',
      value: str(v[`others.${i}.capacity`]),
      errorMessage: err(errors, `others.${i}.capacity`),
    },
    deputySelect: {
      id: `others-${i}-deputyForPersonId`,
      name: `others.${i}.deputyForPersonId`,
      label: { text: 'Standing in for a member (optional)' },
      items: memberOptions(str(v[`others.${i}.deputyForPersonId`]), ''),
      errorMessage: err(errors, `others.${i}.deputyForPersonId`),
    },
  }))

  const meeting = data.meeting
  return {
    pageTitle: `Attendance – ${meetingLabel(meeting)}`,
    caption: meetingLabel(meeting),
    action: meetingPaths.manage.attendance(meeting.id),
    version: str(v.version),
    lockReason: data.lockReason,
    memberRows,
    otherRows,
    noMembers: data.members.length === 0,
    backLink: { href: meetingPaths.manage.minutes(meeting.id), text: 'Back to minutes' },
  }
}

// ---------------------------------------------------------------- staff: minutes overview

/**
 * The minutes page. With `canManage` false (a read-only officer) it links to no form, and prints the draft minutes
 * and decisions of each item instead; the items came without exempt content (`withheld`, see viewing.ts).
 */
export function minutesOverviewPage(data: {
  meeting: MeetingWithBody
  canManage?: boolean
  items: (AgendaEntry & { withheld?: boolean })[]
  attendance: AttendanceView[]
  approval: ApprovalHistory | null
  lockReason: string | null
  draftPublished: boolean
  canPublishDraft: boolean
  agendaPublished: boolean
}) {
  const { meeting } = data
  const canManage = data.canManage ?? true
  const count = (s: string) => data.attendance.filter((a) => a.status === s).length
  const exemptTag = ' <strong class="govuk-tag govuk-tag--red">Exempt</strong>'
  const rows = data.items.map((item) => {
    const written = !!item.minutes?.trim()
    const title = canManage
      ? `<a class="govuk-link" href="${escapeHtml(meetingPaths.manage.itemMinutes(item.id))}">${escapeHtml(item.title)}</a>`
      : `<a class="govuk-link" href="#minutes-${escapeHtml(item.id)}">${escapeHtml(item.title)}</a>`
    return [
      { text: item.number },
      { html: `${title}${item.isExempt || item.withheld ? exemptTag : ''}` },
      {
        html: item.withheld
          ? '<strong class="govuk-tag govuk-tag--grey">Not shown</strong>'
          : written
            ? '<strong class="govuk-tag govuk-tag--green">Written</strong>'
            : '<strong class="govuk-tag govuk-tag--grey">Not started</strong>',
      },
      { text: item.withheld ? '' : String(item.decisions.length), format: 'numeric' },
    ]
  })
  return {
    pageTitle: `Minutes – ${meetingLabel(meeting)}`,
    caption: meetingLabel(meeting),
    canManage,
    status: MEETING_STATUS_TAGS[meeting.status].text,
    lockReason: data.lockReason,
    attendanceHref: canManage ? meetingPaths.manage.attendance(meeting.id) : null,
    approveHref: canManage ? meetingPaths.manage.approveMinutes(meeting.id) : null,
    /** For a read-only officer: each item's draft minutes and decisions to read (none of an exempt item). */
    readable: canManage
      ? []
      : data.items.map((item) => ({
          id: item.id,
          heading: `${item.number} ${item.title}`.trim(),
          withheld: !!item.withheld,
          minutes: item.minutes?.trim() ? item.minutes : null,
          decisions: item.decisions.map((d) => d.text),
        })),
    publicHref: meetingPaths.public.meeting(meeting.id),
    attendanceSummary: data.attendance.length
      ? `${count('present')} present, ${count('apologies')} apologies, ${count('absent')} absent, ${count('deputy')} deputies, ${count('in_attendance')} in attendance`
      : 'Not recorded yet',
    draftMinutes: draftMinutesText(data),
    publishDraft: data.canPublishDraft
      ? { action: meetingPaths.manage.publishDraftMinutes(meeting.id), version: String(meeting.version) }
      : null,
    table: {
      caption: 'Items',
      captionClasses: 'govuk-table__caption--m',
      head: [{ text: 'No.' }, { text: 'Item' }, { text: 'Minutes' }, { text: 'Decisions', format: 'numeric' }],
      rows,
    },
    noItems: data.items.length === 0,
    approval: approvalLines(data.approval),
  }
}

/** Whether the public can read the minutes yet. */
function draftMinutesText(data: { meeting: MeetingRow; draftPublished: boolean; agendaPublished: boolean }): string {
  if (data.meeting.status === 'minutes_approved') return 'Approved: the minutes are on the public page'
  if (data.draftPublished) {
    return data.agendaPublished
      ? 'Published: the draft minutes are on the public page'
      : 'Published, but the agenda was never published, so the public page shows neither'
  }
  return 'Not published: only staff can see the minutes and decisions'
}

// ---------------------------------------------------------------- staff: one item's minutes

export function itemMinutesPage(
  data: { meeting: MeetingWithBody; item: AgendaEntry; lockReason: string | null },
  form: {
    values?: Values
    errors?: FieldErrors
    /** On a conflict: what the other person saved. */
    theirs?: string | null
    /** The decision a failed edit was for: its text is kept. */
    decisionValues?: { id: string; text: string; version: string }
  } = {},
) {
  const { meeting, item } = data
  const v = form.values ?? {}
  const action = meetingPaths.manage.itemMinutes(item.id)
  return {
    pageTitle: `Minutes for item ${item.number} – ${meetingLabel(meeting)}`,
    caption: meetingLabel(meeting),
    heading: `${item.number} ${item.title}`,
    exempt: item.isExempt ? exemptText(item.exemptParagraph ?? 0) : null,
    action,
    lockReason: data.lockReason,
    minutesRendered: item.minutes,
    version: form.values?.version !== undefined ? str(form.values.version) : String(item.version),
    minutesTextarea: {
      id: 'minutes',
      name: 'minutes',
      rows: 16,
      label: { text: 'Minutes', classes: 'govuk-label--m' },
      hint: {
        html:
          'Write in Markdown. Leave a blank line between paragraphs. Start a line with <code>- </code> for a bullet. ' +
          'A table is rows of cells between <code>|</code>, with <code>|---|---|</code> under the header row. ' +
          'For example:<pre>Cllr Bradley welcomed everyone.\n\n- Agree vision and strategy\n- Develop work plan\n\n| What | Who | When |\n|---|---|---|\n| Circulate outcomes | Hayley Hughes | 17.02.15 |</pre>',
      },
      value: form.values?.minutes !== undefined ? str(form.values.minutes) : (item.minutes ?? ''),
      errorMessage: err(form.errors, 'minutes'),
      attributes: { maxlength: String(MAX_MINUTES) },
    },
    showTheirs: form.theirs !== undefined,
    theirs: form.theirs ?? '',
    decisions: item.decisions.map((d, i) => {
      const kept = form.decisionValues?.id === d.id ? form.decisionValues : undefined
      return {
        id: d.id,
        number: i + 1,
        text: d.text,
        version: kept?.version ?? String(d.version),
        textarea: {
          id: `decisions-${d.id}`,
          name: 'text',
          rows: 3,
          label: { text: `Decision ${i + 1}`, classes: 'govuk-label--s' },
          value: kept?.text ?? d.text,
          errorMessage: err(form.errors, `decisions.${d.id}`),
        },
      }
    }),
    newDecisionTextarea: {
      id: 'newDecision',
      name: 'newDecision',
      rows: 3,
      label: { text: 'Add a decision', classes: 'govuk-label--s' },
      hint: { text: 'What was resolved, for example: RESOLVED: that the work plan for 2015/16 be agreed.' },
      value: str(v.newDecision),
      errorMessage: err(form.errors, 'newDecision'),
    },
    backLink: { href: meetingPaths.manage.minutes(meeting.id), text: 'Back to all items' },
  }
}

// ---------------------------------------------------------------- staff: approving earlier minutes

export function approveMinutesPage(
  data: { meeting: MeetingWithBody; candidates: MeetingRow[]; items: AgendaEntry[]; lockReason: string | null },
  values: Values = {},
  errors?: FieldErrors,
) {
  const { meeting } = data
  const chosen = str(values.earlierMeetingId)
  const item = str(values.itemId)
  return {
    pageTitle: `Approve minutes of an earlier meeting – ${meetingLabel(meeting)}`,
    caption: meetingLabel(meeting),
    action: meetingPaths.manage.approveMinutes(meeting.id),
    lockReason: data.lockReason,
    noCandidates: data.candidates.length === 0,
    earlierSelect: {
      id: 'earlierMeetingId',
      name: 'earlierMeetingId',
      label: { text: 'Which meeting’s minutes were approved?', classes: 'govuk-label--m' },
      hint: { text: `Earlier meetings of ${meeting.body.name} with draft or approved minutes.` },
      items: [
        { value: '', text: 'Select a meeting' },
        ...data.candidates.map((m) => ({
          value: m.id,
          text: `${whenText(m.date, m.startTime)} – ${
            m.status === 'minutes_approved' ? 'minutes already approved: record a further correction' : 'draft minutes'
          }`,
          selected: m.id === chosen,
        })),
      ],
      errorMessage: err(errors, 'earlierMeetingId'),
    },
    correctionsTextarea: {
      id: 'corrections',
      name: 'corrections',
      rows: 5,
      label: { text: 'Corrections agreed (optional)', classes: 'govuk-label--m' },
      hint: {
        text: 'Put each correction on its own line, for example: noting attendance from Karen Sharrocks and Iain Pearson, who were missed from the list. Leave empty if the minutes were approved as they stand.',
      },
      value: str(values.corrections),
      errorMessage: err(errors, 'corrections'),
    },
    itemSelect: {
      id: 'itemId',
      name: 'itemId',
      label: { text: 'Item of this meeting where this was agreed (optional)', classes: 'govuk-label--m' },
      items: [
        { value: '', text: 'No item' },
        ...data.items.map((i) => ({ value: i.id, text: `${i.number} ${i.title}`, selected: i.id === item })),
      ],
      errorMessage: err(errors, 'itemId'),
    },
    backLink: { href: meetingPaths.manage.minutes(meeting.id), text: 'Back to minutes' },
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
