import { expect } from 'vitest'

/**
 * A form page shown again with its errors: the GOV.UK error summary, a link from it to each field in error
 * (`href="#field"`), and every other string given (the messages, the user's input kept as typed).
 */
export function expectFormErrors(html: string, fields: string[], shows: string[] = []): void {
  expect(html).toContain('govuk-error-summary')
  for (const field of fields) expect(html).toContain(`href="#${field}"`)
  for (const text of shows) expect(html).toContain(text)
}
