import { expect } from 'vitest'

/** Asserts text contains every one of the given strings (one assertion each, named in the failure). */
export function expectToContainAll(text: string, expected: readonly string[]): void {
  for (const s of expected) expect(text, `contains ${JSON.stringify(s)}`).toContain(s)
}

/** Asserts text contains none of the given strings (one assertion each, named in the failure). */
export function expectToContainNone(text: string, forbidden: readonly string[]): void {
  for (const s of forbidden) expect(text, `does not contain ${JSON.stringify(s)}`).not.toContain(s)
}

/** Asserts a page answered with the status and contains every one of the given strings. */
export function expectPage(page: { status: number; text: string }, status: number, expected: readonly string[]): void {
  expect(page.status).toBe(status)
  expectToContainAll(page.text, expected)
}
