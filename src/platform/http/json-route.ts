import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { problem } from './error-handler.ts'
import { AppError, type FieldErrors } from './errors.ts'
import { isAppError } from './form-route.ts'
import { zodFieldErrors } from './forms.ts'
import type { AppEnv } from './types.ts'

type C = Context<AppEnv>

/** The detail of a 422: a well-formed body with fields that are not valid. */
export const INVALID_FIELDS = 'The request body has fields that are not valid'

export type JsonSpec<S extends z.ZodType, L, R> = {
  /** Authenticates and reads the path (401/403/404 go on to the error handler); runs first. */
  load: (c: C) => Promise<L> | L
  /** Turns the parsed JSON body into what the schema reads (default: as it is), e.g. `formFields`. */
  input?: (json: unknown) => unknown
  /** The input schema. */
  schema: S
  /** The use case: runs only on valid input; its result is the response body. */
  run: (data: z.infer<S>, loaded: L, c: C) => Promise<R> | R
  /** The status of a success (default 200; 201 for a creation). */
  status?: ContentfulStatusCode
  /** The Location header of a created resource. */
  location?: (result: R) => string
}

/**
 * The JSON equivalent of formHandler, for every API write: load -> JSON body -> schema -> use case -> JSON.
 * A body that is not JSON is a 400; a well-formed body whose fields break the schema, or a rule the use case
 * applies to a field, is a 422 problem+json with the field errors; a stale version is a 409 problem. Anything
 * else goes on to the error handler (401, 403, 404 and invalid states as problem+json there).
 */
export function jsonHandler<S extends z.ZodType, L, R>(spec: JsonSpec<S, L, R>): (c: C) => Promise<Response> {
  return async (c) => {
    const loaded = await spec.load(c)
    const json = await readJson(c)
    try {
      const parsed = spec.schema.safeParse(spec.input ? spec.input(json) : json)
      if (!parsed.success) return unprocessable(c, zodFieldErrors(parsed.error))
      const result = await spec.run(parsed.data, loaded, c)
      if (spec.location) c.header('Location', spec.location(result))
      return c.json(result as object, spec.status ?? 200)
    } catch (err) {
      if (isAppError(err, 'VALIDATION') && err.fieldErrors) return unprocessable(c, err.fieldErrors, err.message)
      if (isAppError(err, 'CONFLICT')) return problem(c, 409, 'Conflict', err.message)
      throw err
    }
  }
}

function unprocessable(c: C, errors: FieldErrors, detail = INVALID_FIELDS): Response {
  return problem(c, 422, 'Unprocessable content', detail, { errors })
}

async function readJson(c: C): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw new AppError('VALIDATION', 'The request body must be JSON (Content-Type: application/json)')
  }
}

/**
 * A JSON object as form fields, so JSON bodies go through the same zod schemas as the HTML forms, whose fields
 * expect strings: a boolean becomes "true" or "", a number its digits, null is left out. Objects and arrays
 * are refused (no field takes them): a body that is not an object is a 400, a field that is one a 422.
 */
export function formFields(body: unknown): Record<string, string> {
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
  if (Object.keys(errors).length) throw new AppError('VALIDATION', INVALID_FIELDS, errors)
  return out
}
