import { z } from 'zod'
import { AppError, type FieldErrors } from '../../platform/http/errors.ts'
import { zodFieldErrors } from '../../platform/http/forms.ts'
import { INVALID_FIELDS } from '../../platform/http/json-route.ts'
import { isIsoDate } from '../../shared/dates.ts'
import { requiredText } from '../../platform/http/schemas.ts'
import { ACTION_STATUSES } from '../actions/actions.read.ts'

/** A malformed query (parameter, cursor, date): 400 problem+json naming the parameter. */
export const badRequest = (errors: FieldErrors): AppError => new AppError('VALIDATION', 'The request has a parameter that is not valid', errors)

export const DEFAULT_LIMIT = 50
export const MAX_LIMIT = 200

/**
 * An opaque cursor: the last row's sort key and id, base64url JSON. Decoded strictly: anything else is a 400,
 * never a database error.
 */
export type CursorKey = (string | number)[]

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor(raw: string, shape: readonly ('text' | 'date' | 'uuid' | 'time')[]): CursorKey {
  const fail = () => badRequest({ cursor: 'The cursor is not valid: use the links.next address from the previous page' })
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(raw)) throw fail()
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    throw fail()
  }
  if (!Array.isArray(value) || value.length !== shape.length) throw fail()
  for (const [i, kind] of shape.entries()) {
    const v: unknown = value[i]
    if (typeof v !== 'string' || v.length > 1000 || v.includes('\u0000')) throw fail()
    if (kind === 'uuid' && !z.uuid().safeParse(v).success) throw fail()
    if (kind === 'date' && !isIsoDate(v)) throw fail()
    if (kind === 'time' && !/^\d{2}:\d{2}(:\d{2})?$/.test(v)) throw fail()
  }
  return value as CursorKey
}

const uuidParam = (name: string) => z.uuid({ error: `${name} must be an id (a UUID)` }).optional()
const dateParam = (name: string) =>
  z
    .string()
    .refine(isIsoDate, `${name} must be a real date in the form YYYY-MM-DD`)
    .optional()

/** Query parameters common to every list. */
const pageFields = {
  limit: z.coerce
    .number({ error: `limit must be a whole number from 1 to ${MAX_LIMIT}` })
    .int(`limit must be a whole number from 1 to ${MAX_LIMIT}`)
    .min(1, `limit must be a whole number from 1 to ${MAX_LIMIT}`)
    .max(MAX_LIMIT, `limit must be a whole number from 1 to ${MAX_LIMIT}`)
    .default(DEFAULT_LIMIT),
  cursor: z.string().optional(),
}

export const PageQuerySchema = z.object(pageFields)

export const MeetingsQuerySchema = z
  .object({
    ...pageFields,
    body: uuidParam('body'),
    partnership: uuidParam('partnership'),
    from: dateParam('from'),
    to: dateParam('to'),
    updated_since: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'updated_since must be an ISO 8601 timestamp, like 2027-03-01T09:00:00Z')
      .refine((v) => !Number.isNaN(new Date(v).getTime()) && isIsoDate(v.slice(0, 10)), 'updated_since must be a real date and time')
      .optional(),
    include: z.enum(['items'], { error: 'include may only be "items"' }).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must be on or before to', path: ['to'] })
export type MeetingsQuery = z.infer<typeof MeetingsQuerySchema>

export const MembershipsQuerySchema = z.object({ ...pageFields, body: uuidParam('body'), person: uuidParam('person') })
export const BodiesQuerySchema = z.object({ ...pageFields, partnership: uuidParam('partnership') })
export const DocumentsQuerySchema = z.object({ ...pageFields, meeting: uuidParam('meeting'), body: uuidParam('body') })
export const DecisionsQuerySchema = z
  .object({ ...pageFields, body: uuidParam('body'), from: dateParam('from'), to: dateParam('to') })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must be on or before to', path: ['to'] })
export const ActionsQuerySchema = z.object({
  ...pageFields,
  body: uuidParam('body'),
  status: z.enum(ACTION_STATUSES, { error: `status must be one of ${ACTION_STATUSES.join(', ')}` }).optional(),
})

/** Parse query parameters, or a 400 problem naming each bad one. */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(query)
  if (!parsed.success) throw badRequest(zodFieldErrors(parsed.error))
  return parsed.data
}

/** Parse a JSON body already turned into form fields, or a 422 problem naming each bad field (see json-route). */
export function parseBody<S extends z.ZodType>(schema: S, body: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new AppError('VALIDATION', INVALID_FIELDS, zodFieldErrors(parsed.error))
  return parsed.data
}

/** A required version for PATCH: the meeting's version as last read. */
export const VersionOnly = z.object({
  version: z.coerce.number({ error: 'Enter the version of the meeting you last read' }).int().min(1).max(2_147_483_647),
})

/** A PATCH body: the fields to change, with the required version (the other fields are checked when merged). */
export const MeetingPatchSchema = z.looseObject(VersionOnly.shape)
export type MeetingPatch = z.infer<typeof MeetingPatchSchema>

// ---- token pages ----

export const NewTokenSchema = z.object({ name: requiredText('a name for the token', 100) })
export const RevokeTokenSchema = z.object({ confirm: z.literal('yes', { error: 'Select yes to revoke the token' }) })
