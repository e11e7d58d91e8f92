import type { z } from 'zod'
import { AppError, type FieldErrors } from './errors.ts'

/** GOV.UK error summary list: each links to its field. */
export type ErrorSummaryItem = { text: string; href: string }

export function errorSummary(errors: FieldErrors | undefined): ErrorSummaryItem[] {
  return Object.entries(errors ?? {}).map(([field, text]) => ({ text, href: `#${fieldId(field)}` }))
}

/** The id a field's input carries: dots and brackets become hyphens. */
export function fieldId(field: string): string {
  return field.replace(/[.[\]]+/g, '-').replace(/-+$/, '')
}

/** First error per field, keyed by dotted path. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form'
    if (!(key in out)) out[key] = issue.message
  }
  return out
}

export type FormBody = Record<string, string | string[] | File | undefined>

/** Parse a form body with a zod schema, or throw VALIDATION with field errors. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body)
  if (!result.success) throw new AppError('VALIDATION', 'There is a problem', zodFieldErrors(result.error))
  return result.data
}

/** Plain string values of a form body, for re-rendering what the user typed. */
export function formValues(body: FormBody): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string' || Array.isArray(v)) out[k] = v
  }
  return out
}
