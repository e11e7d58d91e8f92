import { shortTime } from '../../shared/dates.ts'
import { z } from 'zod'
import {
  checkbox,
  choice,
  optionalChoice,
  optionalDate,
  optionalEmail,
  optionalInt,
  optionalText,
  optionalTime,
  optionalUuid,
  requiredDate,
  requiredText,
  requiredTime,
  versionField,
} from '../../platform/http/schemas.ts'
import { ITEM_PURPOSES, MEETING_KINDS, type meetings } from './meetings.tables.ts'

type Meeting = typeof meetings.$inferSelect

export { idParam } from '../../platform/http/params.ts'

const PARAGRAPHS = ['1', '2', '3', '4', '5', '6', '7'] as const

const meetingFields = {
  date: requiredDate('the date of the meeting'),
  startTime: requiredTime('the start time'),
  endTime: optionalTime('the end time'),
  venue: optionalText('the venue', 500),
  contactName: optionalText('the contact name', 200),
  contactPhone: optionalText('the contact phone number', 50),
  contactEmail: optionalEmail('the contact email address'),
  kind: choice(MEETING_KINDS, 'Select the kind of meeting'),
  firstItemNumber: optionalInt('the first item number', 1, 1_000_000),
}

const endAfterStart = <T extends { startTime: string; endTime?: string | undefined }>(v: T, ctx: z.RefinementCtx) => {
  if (v.endTime && v.endTime <= v.startTime) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end time must be after the start time' })
  }
}

export const ScheduleMeetingSchema = z.object(meetingFields).superRefine(endAfterStart)
export type ScheduleMeetingInput = z.infer<typeof ScheduleMeetingSchema>

export const EditMeetingSchema = z.object({ ...meetingFields, version: versionField }).superRefine(endAfterStart)
export type EditMeetingInput = z.infer<typeof EditMeetingSchema>

type EditedField = 'date' | 'startTime' | 'endTime' | 'venue' | 'contactName' | 'contactPhone' | 'contactEmail' | 'kind' | 'firstItemNumber'

/** A stored meeting's fields as the edit form (and the API's PATCH, before its changes) posts them. */
export function editMeetingValues(meeting: Pick<Meeting, EditedField | 'version'>): Record<string, string> {
  return {
    date: meeting.date,
    startTime: shortTime(meeting.startTime),
    endTime: meeting.endTime ? shortTime(meeting.endTime) : '',
    venue: meeting.venue ?? '',
    contactName: meeting.contactName ?? '',
    contactPhone: meeting.contactPhone ?? '',
    contactEmail: meeting.contactEmail ?? '',
    kind: meeting.kind,
    firstItemNumber: meeting.firstItemNumber === null ? '' : String(meeting.firstItemNumber),
    version: String(meeting.version),
  }
}

export const CancelMeetingSchema = z.object({
  reason: optionalText('the reason', 2000),
  version: versionField,
})
export type CancelMeetingInput = z.infer<typeof CancelMeetingSchema>

/** Exempt fields shared by items and papers: a paragraph and reasoning are required when exempt. */
const exemptFields = {
  isExempt: checkbox,
  exemptParagraph: optionalChoice(PARAGRAPHS, 'Select the Schedule 12A paragraph'),
  publicInterestReasoning: optionalText('the public interest reasoning', 5000),
}

const exemptRules = <T extends { isExempt: boolean; exemptParagraph?: string | undefined; publicInterestReasoning?: string | undefined }>(
  v: T,
  ctx: z.RefinementCtx,
) => {
  if (!v.isExempt) return
  if (!v.exemptParagraph) {
    ctx.addIssue({ code: 'custom', path: ['exemptParagraph'], message: 'Select the Schedule 12A paragraph that makes this exempt' })
  }
  if (!v.publicInterestReasoning) {
    ctx.addIssue({
      code: 'custom',
      path: ['publicInterestReasoning'],
      message: 'Enter why the public interest in withholding outweighs the public interest in disclosing it',
    })
  }
}

const itemFields = {
  title: requiredText('the item title', 500),
  description: optionalText('the description', 20_000),
  purpose: optionalChoice(ITEM_PURPOSES, 'Select the purpose of the item'),
  presenter: optionalText('the presenter', 200),
  parentItemId: optionalUuid('Select a main item'),
  numberOverride: optionalText('the number', 20),
  ...exemptFields,
  exemptReviewOn: optionalDate('the review date'),
  urgencyReason: optionalText('the urgency reason', 5000),
}

export const NewItemSchema = z.object(itemFields).superRefine(exemptRules)
export type NewItemInput = z.infer<typeof NewItemSchema>

export const EditItemSchema = z.object({ ...itemFields, version: versionField }).superRefine(exemptRules)
export type EditItemInput = z.infer<typeof EditItemSchema>

export const MoveItemSchema = z.object({
  direction: choice(['up', 'down'] as const, 'Choose up or down'),
  version: versionField,
})
export type MoveItemInput = z.infer<typeof MoveItemSchema>

/** Deleting an item or a paper: the version the user saw, so a changed record is not deleted blind. */
export const DeleteSchema = z.object({ version: versionField })
export type DeleteInput = z.infer<typeof DeleteSchema>

export const PaperSchema = z
  .object({
    title: requiredText('the title of the paper', 500),
    itemId: optionalUuid('Select an agenda item'),
    ...exemptFields,
  })
  .superRefine(exemptRules)
export type PaperInput = z.infer<typeof PaperSchema>

export const PublishAgendaSchema = z.object({
  urgencyReason: optionalText('the reason', 5000),
  version: versionField,
})
export type PublishAgendaInput = z.infer<typeof PublishAgendaSchema>

/**
 * The paper form, given what checking the uploaded file found: a refused file is one more field error
 * (`file`), reported together with the other fields' errors so the user sees everything at once.
 */
export function paperSchema(fileError: string | null): z.ZodType<PaperInput> {
  if (fileError === null) return PaperSchema
  return z.custom<PaperInput>().superRefine((value, ctx) => {
    for (const issue of PaperSchema.safeParse(value).error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
    }
    ctx.addIssue({ code: 'custom', path: ['file'], message: fileError })
  })
}
