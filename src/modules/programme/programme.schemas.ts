import { z } from 'zod'
import { choice, optionalChoice, optionalText, optionalUuid, requiredText, requiredUuid, versionField } from '../../platform/http/schemas.ts'
import { optionalDateInput, withDateInputs } from '../../platform/http/date-input.ts'
import { lastDayCovered, type PartialDate } from '../../shared/partial-dates.ts'
import { MILESTONE_STATUSES, RAG_RATINGS, WORKSTREAM_STATUSES } from './programme.tables.ts'
import { assessmentErrors, milestoneErrors } from './rag.ts'

export const MAX_TITLE = 200
export const MAX_DESCRIPTION = 10_000
export const MAX_UPDATE = 10_000
export const MAX_REASON = 2000
export const MAX_LINKS = 100

const yesNo = (message: string) => choice(['yes', 'no'] as const, message)
const endsAfterStart = (v: { startsOn?: PartialDate | undefined; endsOn?: PartialDate | undefined }) =>
  !v.startsOn || !v.endsOn || lastDayCovered(v.endsOn.date, v.endsOn.precision) >= v.startsOn.date

const WorkstreamFields = z.object({
  themeId: requiredUuid('Select the theme it delivers'),
  title: requiredText('the name of the workstream', MAX_TITLE),
  description: optionalText('description', MAX_DESCRIPTION),
  leadPersonId: optionalUuid('Select a person from the list'),
  leadOrganisationId: optionalUuid('Select an organisation from the list'),
  owningBodyId: optionalUuid('Select a body from the list'),
  startsOn: optionalDateInput('the start date', { allowMonthOnly: true }),
  endsOn: optionalDateInput('the end date', { allowMonthOnly: true }),
  isPublic: yesNo('Select yes if the workstream can be shown on the public record'),
})
const DATES = { message: 'The end date must be the same as or after the start date', path: ['endsOn'] }

export const WorkstreamSchema = withDateInputs(['startsOn', 'endsOn'], WorkstreamFields.refine(endsAfterStart, DATES))
export type WorkstreamInput = z.infer<typeof WorkstreamSchema>
export const EditWorkstreamSchema = withDateInputs(['startsOn', 'endsOn'], WorkstreamFields.extend({ version: versionField }).refine(endsAfterStart, DATES))
export type EditWorkstreamInput = z.infer<typeof EditWorkstreamSchema>

/** A progress update: the text, and the status and RAG after it (amber and red need a reason: rag.ts). */
export const ProgressUpdateSchema = z
  .object({
    text: requiredText('the update', MAX_UPDATE),
    status: choice(WORKSTREAM_STATUSES, 'Select the status'),
    rag: optionalChoice(RAG_RATINGS, 'Select a RAG rating from the list'),
    ragReason: optionalText('the reason for the rating', MAX_REASON),
    isPublic: yesNo('Select yes if the update can be published'),
    reportedAtMeetingId: optionalUuid('Select a meeting from the list'),
    version: versionField,
  })
  .superRefine((v, ctx) => {
    for (const [path, message] of Object.entries(assessmentErrors(v))) ctx.addIssue({ code: 'custom', path: [path], message })
  })
export type ProgressUpdateInput = z.infer<typeof ProgressUpdateSchema>

export const MilestoneSchema = withDateInputs(
  ['dueOn'],
  z.object({
    title: requiredText('the milestone', MAX_TITLE),
    dueOn: optionalDateInput('the due date', { allowMonthOnly: true }),
  }),
)
export type MilestoneInput = z.infer<typeof MilestoneSchema>

export const EditMilestoneSchema = withDateInputs(
  ['dueOn', 'doneOn'],
  z
    .object({
      title: requiredText('the milestone', MAX_TITLE),
      dueOn: optionalDateInput('the due date', { allowMonthOnly: true }),
      status: choice(MILESTONE_STATUSES, 'Select the status'),
      doneOn: optionalDateInput('the date it was completed'),
      note: optionalText('note', MAX_UPDATE),
      version: versionField,
    })
    .superRefine((v, ctx) => {
      for (const [path, message] of Object.entries(milestoneErrors({ status: v.status, doneOn: v.doneOn?.date }))) ctx.addIssue({ code: 'custom', path: [path], message })
    }),
)
export type EditMilestoneInput = z.infer<typeof EditMilestoneSchema>

/** Ticked checkboxes of one name: none, one (a string) or several (an array). */
const ids = z.preprocess(
  (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : v === undefined || v === '' ? [] : [v]),
  z.array(z.uuid({ error: 'Select records from the list' })).max(MAX_LINKS, `Link ${MAX_LINKS} records or fewer at a time`),
)
export const AddLinksSchema = z
  .object({ meetingId: requiredUuid('Choose a meeting first'), itemIds: ids, decisionIds: ids, paperIds: ids, actionIds: ids })
  .refine((v) => v.itemIds.length + v.decisionIds.length + v.paperIds.length + v.actionIds.length > 0, { message: 'Select at least one record to link', path: ['records'] })
export type AddLinksInput = z.infer<typeof AddLinksSchema>
/** The multi-value fields of the link form (formHandler's body keeps one value a field; the route reads them all). */
export const LINK_LIST_FIELDS = ['itemIds', 'decisionIds', 'paperIds', 'actionIds'] as const

export const RemoveLinkSchema = z.object({ linkId: requiredUuid('Select a link to remove') })

const lenientUuid = z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional().catch(undefined))
/** The link picker's meeting, by GET; malformed is ignored. */
export const LinkPickQuery = z.object({ meeting: lenientUuid })
/** A timeline page (public theme and workstream pages declare it for the render cache). */
export const TimelinePageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) })
