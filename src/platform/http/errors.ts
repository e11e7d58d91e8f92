export const ERROR_STATUS = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_STATE: 409,
  VALIDATION: 400,
  CONFLICT: 409,
  TOO_LARGE: 413,
} as const
export type ErrorCode = keyof typeof ERROR_STATUS

export type FieldErrors = Record<string, string>

/**
 * The one error type a use case throws. Its message is written for the user and is safe to show;
 * anything else that escapes is logged and shown as a generic 500.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly fieldErrors: FieldErrors | undefined
  constructor(code: ErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.fieldErrors = fieldErrors
  }
  get status(): number {
    return ERROR_STATUS[this.code]
  }
}

export const notFound = (what = 'Page'): AppError => new AppError('NOT_FOUND', `${what} not found`)
export const forbidden = (message = 'You do not have permission to do that'): AppError =>
  new AppError('FORBIDDEN', message)
export const invalidState = (message: string): AppError => new AppError('INVALID_STATE', message)
export const conflict = (
  message = 'Someone else changed this since you opened it. Your changes have not been saved: check the current version below and make your changes again.',
): AppError => new AppError('CONFLICT', message)
export const validation = (fieldErrors: FieldErrors, message = 'There is a problem'): AppError =>
  new AppError('VALIDATION', message, fieldErrors)

export const MALFORMED_BODY_MESSAGE =
  'The form you sent could not be read. Go back, reload the page and try again.'

/**
 * A request body the runtime could not parse as a form (a multipart body cut short, a missing boundary):
 * undici throws a TypeError "Failed to parse body as FormData." The client's fault, so 400, never a 500.
 */
export function isMalformedBodyError(err: unknown): boolean {
  let e: unknown = err
  for (let depth = 0; e instanceof Error && depth < 3; depth++) {
    if (e instanceof TypeError && /parse body as FormData|multipart|boundary/i.test(e.message)) return true
    e = e.cause
  }
  return false
}
