import { z } from 'zod'
import { choice, optionalInt, optionalText, optionalUuid, requiredText, versionField } from '../../platform/http/schemas.ts'
import { optionalDateInput, withDateInputs } from '../../platform/http/date-input.ts'

export const MAX_TITLE = 200
export const MAX_STATEMENT = 2000
export const MAX_LINE = 1000
export const MAX_LINES = 50
export const MAX_THEME_DESCRIPTION = 4000

/** Principles or aims typed one a line: blank lines dropped, each trimmed (a leading "-" or "•" too), order kept. */
export const linesField = (label: string) =>
  z.preprocess(
    (v) =>
      (typeof v === 'string' ? v : '')
        // eslint-disable-next-line no-control-regex -- NUL cannot be stored in text
        .replace(/\u0000/g, '')
        .split(/\r?\n/)
        .map((l) => l.replace(/^\s*(?:[-*•·]\s+)?/, '').trim())
        .filter((l) => l !== ''),
    z
      .array(z.string().max(MAX_LINE, `Each line of ${label} must be ${MAX_LINE} characters or fewer`))
      .max(MAX_LINES, `Enter ${MAX_LINES} ${label} or fewer`),
  )

const year = (label: string) => optionalInt(label, 1900, 2200)

const VersionFields = z.object({
  title: requiredText('the title', MAX_TITLE),
  periodFromYear: year('the first year'),
  periodToYear: year('the last year'),
  purpose: optionalText('purpose', MAX_STATEMENT),
  vision: optionalText('vision', MAX_STATEMENT),
  principles: linesField('principles'),
  aims: linesField('aims'),
  changeNote: optionalText('what changed', MAX_STATEMENT),
})
const periodInOrder = (v: { periodFromYear?: number | undefined; periodToYear?: number | undefined }) =>
  v.periodFromYear === undefined || v.periodToYear === undefined || v.periodToYear >= v.periodFromYear
const PERIOD = { message: 'The last year must be the same as or after the first year', path: ['periodToYear'] }

export const DraftSchema = VersionFields.refine(periodInOrder, PERIOD)
export type DraftInput = z.infer<typeof DraftSchema>
export const EditDraftSchema = VersionFields.extend({ version: versionField }).refine(periodInOrder, PERIOD)
export type EditDraftInput = z.infer<typeof EditDraftSchema>

export const ThemeSchema = z.object({
  title: requiredText('the theme', MAX_TITLE),
  description: optionalText('description', MAX_THEME_DESCRIPTION),
  version: versionField,
})
export type ThemeInput = z.infer<typeof ThemeSchema>

export const MoveThemeSchema = z.object({ direction: choice(['up', 'down'] as const, 'Choose up or down'), version: versionField })
export const VersionOnlySchema = z.object({ version: versionField })

/** Step one of recording an approval: the meeting (or none in Joined Up), by GET. Anything malformed is ignored. */
export const ApprovalStepQuery = z.object({
  meeting: z.union([z.literal('none'), z.uuid()]).optional().catch(undefined),
})

export const ApprovalSchema = withDateInputs(
  ['approvedOn'],
  z.object({
    meetingId: optionalUuid('Select the meeting from the list'),
    decisionId: optionalUuid('Select the decision from the list'),
    bodyId: optionalUuid('Select the body that approved it'),
    approvedOn: optionalDateInput('the date it was approved', { allowMonthOnly: true }),
    version: versionField,
  }),
)
export type ApprovalInput = z.infer<typeof ApprovalSchema>

const lenientUuid = z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional().catch(undefined))
const lenientNumber = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(100_000).optional().catch(undefined))
/** The staff comparison: two versions by id. */
export const CompareQuery = z.object({ from: lenientUuid, to: lenientUuid })
/** The public comparison: two approved versions by number. */
export const PublicCompareQuery = z.object({ from: lenientNumber, to: lenientNumber })
