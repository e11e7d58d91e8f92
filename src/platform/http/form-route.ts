import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { flash } from './cookies.ts'
import { AppError, type ErrorCode, type FieldErrors } from './errors.ts'
import { errorSummary, formValues, zodFieldErrors, type ErrorSummaryItem, type FormBody } from './forms.ts'
import type { AppEnv } from './types.ts'
import { render } from '../views/render.ts'

type C = Context<AppEnv>

export const isAppError = (e: unknown, code?: ErrorCode): e is AppError => e instanceof AppError && (code === undefined || e.code === code)

/** What a form page is re-rendered with: what the user typed, and what is wrong with it. */
export type FormState = {
  values: Record<string, string | string[]>
  errors: FieldErrors
  errorSummary: ErrorSummaryItem[]
  status: ContentfulStatusCode
}

/** Where a successful submission goes: a redirect (303) with an optional flash message, or a response of its own. */
export type FormOutcome = { redirect: string; flash?: string } | Response

export type FormSpec<S extends z.ZodType, L> = {
  /** Loads (and authorizes) what the form is about; runs first, and its result goes to the other steps. */
  load: (c: C) => Promise<L> | L
  /** The input schema (or one built from what was loaded). */
  schema: S | ((loaded: L) => S)
  /** Renders the form page again with the user's input and the errors. */
  page: (c: C, loaded: L, form: FormState) => Response | Promise<Response>
  /** The use case: runs only on valid input. */
  submit: (c: C, data: z.infer<S>, loaded: L, body: FormBody) => Promise<FormOutcome> | FormOutcome
  /** After a CONFLICT: the record's current version, put back in the form so the user can save again. */
  currentVersion?: (c: C, loaded: L) => Promise<number | undefined>
  /** Where the conflict message in the error summary links (default: the main content). */
  conflictHref?: string
}

/**
 * The GOV.UK form round trip as one Hono handler: load -> parse -> submit -> redirect (303). Invalid input and a
 * rule the use case enforces on a field re-render the page with 400, the error summary, field errors and what
 * the user typed; a stale version (someone else saved first) re-renders with 409, the input kept and the
 * current version. Any other error goes on to the app's error handler.
 */
export function formHandler<S extends z.ZodType, L>(spec: FormSpec<S, L>): (c: C) => Promise<Response> {
  return async (c) => {
    const loaded = await spec.load(c)
    const body = await c.req.parseBody()
    const values = formValues(body)
    delete values._csrf
    const show = (status: ContentfulStatusCode, errors: FieldErrors, summary?: ErrorSummaryItem[]) =>
      spec.page(c, loaded, { values, errors, errorSummary: summary ?? errorSummary(errors), status })
    const schema = typeof spec.schema === 'function' ? spec.schema(loaded) : spec.schema
    const parsed = schema.safeParse(body)
    if (!parsed.success) return show(400, zodFieldErrors(parsed.error))
    try {
      return outcome(c, await spec.submit(c, parsed.data, loaded, body))
    } catch (err) {
      if (isAppError(err, 'VALIDATION') && err.fieldErrors) return show(400, err.fieldErrors)
      if (isAppError(err, 'CONFLICT')) {
        const version = spec.currentVersion ? await spec.currentVersion(c, loaded) : undefined
        if (version !== undefined) values.version = String(version)
        return show(409, {}, [{ text: err.message, href: spec.conflictHref ?? '#main-content' }])
      }
      throw err
    }
  }
}

/** Follows a use case's outcome: a flash message and a 303 redirect, or its own response. */
export function outcome(c: C, result: FormOutcome): Response {
  if (result instanceof Response) return result
  if (result.flash) flash(c, result.flash)
  return c.redirect(result.redirect, 303)
}

/** An empty form state, for the first GET of a form page. */
export function blankForm(values: Record<string, string | string[]> = {}): FormState {
  return { values, errors: {}, errorSummary: [], status: 200 }
}

/** A form page: the template with its own fields, then what the user typed and what is wrong with it. */
export function renderForm(c: C, template: string, context: Record<string, unknown>, form: FormState): Response | Promise<Response> {
  const { values, errors, errorSummary, status } = form
  return render(c, template, { ...context, values, errors, errorSummary }, status)
}
