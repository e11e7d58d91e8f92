import { z } from 'zod'
import type { FormBody } from '../../platform/http/forms.ts'

/** What the secretariat decides for one action at the meeting. 'keep' leaves its status as it is. */
export const OUTCOMES = ['keep', 'in_progress', 'completed', 'cleared', 'dropped'] as const
export type Outcome = (typeof OUTCOMES)[number]

export const MAX_UPDATE = 5000

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '')

/**
 * The one-pass form. Fields are keyed by action id (`update.<id>`, `outcome.<id>`...) so that a re-rendered
 * form keeps each action's input even when the list has changed since it was opened.
 */
export const MattersArisingRowSchema = z
  .object({
    id: z.uuid({ error: 'The form is out of date: reload the page' }),
    version: z.coerce.number({ error: 'Missing version' }).int().min(1),
    update: z.string().max(MAX_UPDATE, `The update must be ${MAX_UPDATE} characters or fewer`),
    outcome: z.enum(OUTCOMES, { error: 'Select what happens to this action' }),
    reason: z.string().max(1000, 'The reason must be 1000 characters or fewer'),
    linkWith: z.union([z.literal(''), z.uuid({ error: 'Select an action from the list' })]),
  })
  .superRefine((row, ctx) => {
    if (row.outcome === 'dropped' && row.reason === '') {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Enter why the action is dropped' })
    }
    if (row.linkWith === row.id) {
      ctx.addIssue({ code: 'custom', path: ['linkWith'], message: 'An action cannot be linked with itself' })
    }
  })
export type MattersArisingRow = z.infer<typeof MattersArisingRowSchema>

export type MattersArisingInput = { rows: MattersArisingRow[] }

/** Turn the posted body into rows and parse each; errors come back keyed `update.<id>`, `reason.<id>`... */
export function parseMattersArisingForm(
  body: FormBody,
): { ok: true; input: MattersArisingInput } | { ok: false; errors: Record<string, string> } {
  const raw = body.ids
  const ids = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter((v): v is string => typeof v === 'string')
  const rows: MattersArisingRow[] = []
  const errors: Record<string, string> = {}
  if (ids.length === 0) return { ok: false, errors: { actions: 'There are no actions to record: reload the page' } }
  for (const id of ids) {
    const parsed = MattersArisingRowSchema.safeParse({
      id,
      version: str(body[`version.${id}`]),
      update: str(body[`update.${id}`]),
      outcome: str(body[`outcome.${id}`]) || 'keep',
      reason: str(body[`reason.${id}`]),
      linkWith: str(body[`linkWith.${id}`]),
    })
    if (parsed.success) {
      rows.push(parsed.data)
      continue
    }
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'outcome')
      const key = `${field === 'id' || field === 'version' ? 'outcome' : field}.${id}`
      if (!(key in errors)) errors[key] = issue.message
    }
  }
  const known = new Set(ids)
  for (const row of rows) {
    if (row.linkWith && !known.has(row.linkWith)) errors[`linkWith.${row.id}`] = 'Select an action from this list'
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, input: { rows } }
}

/** The whole posted form (its repeated `ids` read as a list) as a schema: the rows, or errors keyed `update.<id>`... */
export const MattersArisingFormSchema = z
  .custom<FormBody>((v) => typeof v === 'object' && v !== null)
  .transform((body, ctx): MattersArisingInput => {
    const parsed = parseMattersArisingForm(body)
    if (parsed.ok) return parsed.input
    for (const [key, message] of Object.entries(parsed.errors)) ctx.addIssue({ code: 'custom', path: [key], message })
    return z.NEVER
  })
