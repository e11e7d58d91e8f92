import { z } from 'zod'
import { AppError, type FieldErrors } from '../../platform/http/errors.ts'
import { zodFieldErrors } from '../../platform/http/forms.ts'
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

/**
 * JSON bodies go through the same zod schemas as the forms, whose fields expect form strings: a boolean
 * becomes "true" or "", a number its digits. Objects and arrays are refused (no field takes them).
 */
export function formLike(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('VALIDATION', 'The request body must be a JSON object')
  }
  const out: Record<string, string> = {}
  const errors: FieldErrors = {}
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (v === null || v === undefined) continue
    if (typeof v === 'string') out[k] = v
    else if (typeof v === 'boolean') out[k] = v ? 'true' : ''
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = String(v)
    else errors[k] = `${k} must be a string, number or boolean`
  }
  if (Object.keys(errors).length) throw unprocessable(errors)
  return out
}

/** A well-formed body that breaks a field rule: 422 problem+json with the field errors. */
export class UnprocessableError extends Error {
  readonly fieldErrors: FieldErrors
  constructor(fieldErrors: FieldErrors) {
    super('The request body has fields that are not valid')
    this.fieldErrors = fieldErrors
  }
}
export const unprocessable = (errors: FieldErrors) => new UnprocessableError(errors)

export function parseBody<S extends z.ZodType>(schema: S, body: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw unprocessable(zodFieldErrors(parsed.error))
  return parsed.data
}

/** A required version for PATCH: the meeting's version as last read. */
export const VersionOnly = z.object({
  version: z.coerce.number({ error: 'Enter the version of the meeting you last read' }).int().min(1).max(2_147_483_647),
})

// ---- token pages ----

export const NewTokenSchema = z.object({ name: requiredText('a name for the token', 100) })
export const RevokeTokenSchema = z.object({ confirm: z.literal('yes', { error: 'Select yes to revoke the token' }) })
