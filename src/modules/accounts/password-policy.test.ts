import { describe, expect, it } from 'vitest'
import { isCommonPassword, MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy.ts'

describe('password policy (NCSC, ASVS V2.1)', () => {
  it('needs at least 12 characters, counted as characters rather than UTF-16 units', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12)
    expect(passwordProblem('')).toBe('Enter a password')
    expect(passwordProblem('river tabl3')).toBe('Password must be 12 characters or more') // 11
    expect(passwordProblem('river table3')).toBeNull() // 12
    expect(passwordProblem('🐝🐝🐝🐝🐝🐝🐝🐝🐝🐝🐝')).toBe('Password must be 12 characters or more') // 11 emoji, 22 units
    expect(passwordProblem('🐝🐝🐝🐝🐝🐝🐝🐝🐝🐝🐝x')).toBeNull()
  })

  it('sets no composition rules: lowercase words and spaces are fine', () => {
    expect(passwordProblem('purple monkey dishwasher')).toBeNull()
    expect(passwordProblem('allinlowercaseletters')).toBeNull()
  })

  it('allows up to 1000 characters and no more', () => {
    expect(passwordProblem('ab'.repeat(250) + 'cd'.repeat(250))).toBeNull()
    expect(passwordProblem('ab'.repeat(250) + 'cd'.repeat(250) + 'e')).toBe('Password must be 1000 characters or fewer')
  })

  it('refuses the common breached passwords on the shipped list, whatever the case', () => {
    expect(isCommonPassword('password')).toBe(true)
    expect(isCommonPassword('123456')).toBe(true)
    expect(isCommonPassword('qwerty123456')).toBe(true)
    expect(isCommonPassword('QWERTY123456')).toBe(true)
    expect(isCommonPassword('purple monkey dishwasher')).toBe(false)
    for (const pw of ['qwerty123456', '1qaz2wsx3edc', 'LeaveMeAlone', '123456654321']) {
      expect(passwordProblem(pw)).toMatch(/too easy to guess/)
    }
  })

  it('ships the list inside the repository: 10,000 entries, the most common first', async () => {
    const { readFile } = await import('node:fs/promises')
    const lines = (await readFile(new URL('./common-passwords.txt', import.meta.url), 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(10_000)
    expect(lines[0]).toBe('123456')
    expect(lines.every((l) => l === l.toLowerCase())).toBe(true)
  })

  it('refuses a character or short run repeated to length', () => {
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/too easy to guess/)
    expect(passwordProblem('121212121212')).toMatch(/too easy to guess/)
    expect(passwordProblem('abcdabcdabcd')).toMatch(/too easy to guess/)
    expect(passwordProblem('abcdeabcdeab')).toBeNull() // a run of five is not caught by this rule
  })

  it('refuses the user’s own email address', () => {
    expect(passwordProblem('Jo.Bloggs@Example.org', { email: 'jo.bloggs@example.org' })).toBe('Password must not be your email address')
    expect(passwordProblem('jo.bloggs@example.org', { email: 'someone@example.org' })).toBeNull()
  })
})
