import { z } from 'zod'
import { checkbox, optionalText, optionalUuid } from '../../platform/http/schemas.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import type { FormBody } from '../../platform/http/forms.ts'
import type { ActionStatus } from '../actions/actions.types.ts'
import type { OwnerUpdateInput } from './reminders.types.ts'

export const MAX_OWNER_UPDATE = 5000
/** More rows than any owner has actions: a body with more is not a form this service rendered. */
const MAX_ROWS = 500

/** The form field names of the row at `index` on the owner's page. */
export const ownerFieldNames = (index: number) => ({
  id: `actions[${index}].id`,
  text: `actions[${index}].text`,
  completed: `actions[${index}].completed`,
})

/** The ids of an action's fields on the owner's page: errors are keyed by them, and the summary links to them. */
export const updateFieldId = (actionId: string) => `update-${actionId}`
export const completedFieldId = (actionId: string) => `completed-${actionId}`

/** The error keys a failed owner update is shown under: the ids of that action's fields. */
export function ownerUpdateErrors(actionId: string, errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {}
  for (const [key, message] of Object.entries(errors)) {
    if (key === 'update') out[updateFieldId(actionId)] = message
    else if (key === 'completed') out[completedFieldId(actionId)] = message
    else out[key] = message
  }
  return out
}

/** One action's row on the owner's page: an optional update and an optional "Mark as completed". */
const OwnerActionRowSchema = z.object({
  text: optionalText('your update', MAX_OWNER_UPDATE),
  completed: checkbox,
})

/** What an owner typed, by action id, to show again when the form comes back with errors. */
export type OwnerPosted = Record<string, { text: string; completed: boolean }>

export type OwnerFormResult =
  | { ok: true; updates: OwnerUpdateInput[]; posted: OwnerPosted }
  | { ok: false; errors: Record<string, string>; posted: OwnerPosted }

/**
 * Parse the owner's rows (already checked to be theirs): each is an update, a completion, both, or nothing.
 * Errors come back keyed by action id. Ticking "completed" on an action that already is records nothing.
 */
export function parseOwnerUpdates(
  rows: Array<{ id: string; text: unknown; completed: unknown }>,
  isCompleted: (actionId: string) => boolean,
): OwnerFormResult {
  const posted: OwnerPosted = {}
  const errors: Record<string, string> = {}
  const updates: OwnerUpdateInput[] = []
  for (const row of rows) {
    const parsed = OwnerActionRowSchema.safeParse(row)
    posted[row.id] = { text: typeof row.text === 'string' ? row.text : '', completed: checkbox.parse(row.completed) }
    if (!parsed.success) {
      errors[row.id] = parsed.error.issues[0]?.message ?? 'Check your update'
      continue
    }
    const completed = parsed.data.completed && !isCompleted(row.id)
    if (parsed.data.text || completed) updates.push({ actionId: row.id, text: parsed.data.text ?? null, completed })
  }
  return Object.keys(errors).length ? { ok: false, errors, posted } : { ok: true, updates, posted }
}

/**
 * The rows of the owner's one form (`actions[<index>].id`, `.text`, `.completed`), in index order. Ids are
 * not checked here: the caller checks each against the token's person. Null when the body is not this form
 * (a row without an id, or more rows than any page shows).
 */
export function ownerFormRows(body: FormBody): Array<{ id: string; text: unknown; completed: unknown }> | null {
  const byIndex = new Map<number, Record<string, unknown>>()
  for (const [key, value] of Object.entries(body)) {
    const m = /^actions\[(\d{1,4})\]\.(id|text|completed)$/.exec(key)
    if (!m) continue
    const index = Number(m[1])
    const row = byIndex.get(index) ?? {}
    row[m[2]!] = value
    byIndex.set(index, row)
  }
  if (byIndex.size > MAX_ROWS) return null
  const rows: Array<{ id: string; text: unknown; completed: unknown }> = []
  for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
    const row = byIndex.get(index)!
    if (typeof row.id !== 'string' || row.id === '') return null
    rows.push({ id: row.id, text: row.text, completed: row.completed })
  }
  return rows
}

/** Errors keyed by action id, as the fields' ids; with none but nothing filled in, one on the first field. */
function ownerFormErrors(actions: readonly { id: string }[], byAction: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {}
  for (const action of actions) {
    if (byAction[action.id]) Object.assign(errors, ownerUpdateErrors(action.id, { update: byAction[action.id]! }))
  }
  if (Object.keys(errors).length === 0) {
    const first = actions[0]
    const message = 'Enter an update or mark an action as completed'
    Object.assign(errors, first ? ownerUpdateErrors(first.id, { update: message }) : { actions: message })
  }
  return errors
}

/**
 * The owner's one form as a schema, for the actions their link shows (the route has already refused any row
 * that is not one of them): the updates to record, or errors keyed by the fields' ids. Nothing filled in is an
 * error too.
 */
export function ownerFormSchema(actions: readonly { id: string; status: ActionStatus }[]) {
  const byId = new Map(actions.map((a) => [a.id, a]))
  return z.custom<FormBody>((v) => typeof v === 'object' && v !== null).transform((body, ctx) => {
    const parsed = parseOwnerUpdates(ownerFormRows(body) ?? [], (id) => byId.get(id)?.status === 'completed')
    if (parsed.ok && parsed.updates.length > 0) return parsed.updates
    for (const [key, message] of Object.entries(ownerFormErrors(actions, parsed.ok ? {} : parsed.errors))) {
      ctx.addIssue({ code: 'custom', path: [key], message })
    }
    return z.NEVER
  })
}

/** What an owner typed on the form, by action id, to show again with the errors. */
export function ownerPosted(values: FormBody): OwnerPosted {
  return parseOwnerUpdates(ownerFormRows(values) ?? [], () => false).posted
}

/** The secretariat sends an action's owners their personal link: all of them, or one person. */
export const SendOwnerLinkSchema = z.object({
  personId: optionalUuid('Choose an owner'),
})
