/** The SQLSTATE of a database error, looking through the ORM's wrapper (drizzle wraps the driver's error). */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/** A unique index refused the row: usually two people doing the same thing at the same moment. */
export const isUniqueViolation = (err: unknown): boolean => pgErrorCode(err) === '23505'
