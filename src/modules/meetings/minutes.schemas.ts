import { z } from 'zod'
import { optionalText, optionalUuid, requiredText, requiredUuid, versionField } from '../../platform/http/schemas.ts'
import type { FormBody } from '../../platform/http/forms.ts'
export { idParam } from './meetings.schemas.ts'

/** Longest minutes text for one item (the longest seeded item is about 9,000 characters). */
export const MAX_MINUTES = 100_000
export const MAX_DECISION = 10_000
export const MAX_CORRECTIONS = 10_000

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

// --- attendance ---

export const MEMBER_ATTENDANCE = ['present', 'apologies', 'absent', 'deputy'] as const

const MemberRowSchema = z.object({
  personId: z.uuid({ error: 'The form was incomplete: reload the page and try again' }),
  status: z.preprocess(
    blankToUndefined,
    z.enum(MEMBER_ATTENDANCE, { error: 'Select present, apologies, absent or deputy' }).optional(),
  ),
  deputyForPersonId: optionalUuid('Select the member they stood in for'),
})

const OtherRowSchema = z.object({
  personId: optionalUuid('Select a person from the list'),
  capacity: optionalText('capacity', 200),
  deputyForPersonId: optionalUuid('Select the member they stood in for'),
})

export const AttendanceSchema = z.object({
  version: versionField,
  members: z.array(MemberRowSchema).max(500),
  others: z.array(OtherRowSchema).max(200),
})
export type AttendanceInput = z.infer<typeof AttendanceSchema>

/**
 * Form fields are named `members.0.status`, `others.2.personId`: gathers them into arrays so the zod
 * paths (and so the error keys and field ids) match the names.
 */
export function attendanceFormInput(body: FormBody): Record<string, unknown> {
  const groups: Record<'members' | 'others', Record<string, unknown>[]> = { members: [], others: [] }
  for (const [key, value] of Object.entries(body)) {
    const m = /^(members|others)\.(\d{1,3})\.(\w+)$/.exec(key)
    if (!m || typeof value !== 'string') continue
    const list = groups[m[1] as 'members' | 'others']
    const index = Number(m[2])
    list[index] ??= {}
    list[index][m[3]!] = value
  }
  const dense = (rows: Record<string, unknown>[]) => Array.from(rows, (r) => r ?? {})
  return { version: body.version, members: dense(groups.members), others: dense(groups.others) }
}

/** The attendance form as posted (`members.0.status` ...), gathered and checked. */
export const AttendanceFormSchema = z.preprocess((body) => attendanceFormInput(body as FormBody), AttendanceSchema)

// --- item minutes and decisions: one form action per button ---

export const SaveMinutesSchema = z.object({
  action: z.literal('save-minutes'),
  version: versionField,
  minutes: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v),
    z.string({ error: 'Enter the minutes' }).max(MAX_MINUTES, `Minutes must be ${MAX_MINUTES.toLocaleString('en-GB')} characters or fewer`),
  ),
})

export const AddDecisionSchema = z.object({
  action: z.literal('add-decision'),
  newDecision: requiredText('what was decided', MAX_DECISION),
})

export const SaveDecisionSchema = z.object({
  action: z.literal('save-decision'),
  decisionId: requiredUuid('Decision not found'),
  version: versionField,
  text: requiredText('what was decided', MAX_DECISION),
})

export const DeleteDecisionSchema = z.object({
  action: z.literal('delete-decision'),
  decisionId: requiredUuid('Decision not found'),
  version: versionField,
})

export const ItemMinutesActionSchema = z.discriminatedUnion('action', [
  SaveMinutesSchema,
  AddDecisionSchema,
  SaveDecisionSchema,
  DeleteDecisionSchema,
])
export type ItemMinutesAction = z.infer<typeof ItemMinutesActionSchema>
export type SaveMinutesInput = z.infer<typeof SaveMinutesSchema>

// --- publishing the draft minutes ---

export const PublishDraftMinutesSchema = z.object({ version: versionField })
export type PublishDraftMinutesInput = z.infer<typeof PublishDraftMinutesSchema>

// --- approving minutes at a later meeting ---

export const ApproveMinutesSchema = z.object({
  earlierMeetingId: requiredUuid('Select the meeting whose minutes were approved'),
  corrections: z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    z
      .string()
      .max(MAX_CORRECTIONS, `Corrections must be ${MAX_CORRECTIONS.toLocaleString('en-GB')} characters or fewer`)
      .transform(splitCorrections),
  ),
  itemId: optionalUuid('Select an item of this meeting'),
})
export type ApproveMinutesInput = z.infer<typeof ApproveMinutesSchema>

/** One correction per non-empty line. */
export function splitCorrections(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
}
