import { readFileSync } from 'node:fs'

/**
 * Password rules after NCSC password guidance and OWASP ASVS 4 (V2.1): at least 12 characters, up to 1000, any
 * characters (spaces and emoji included), no composition rules, no expiry; refused when it is one of the most
 * common breached passwords (a list shipped in the repository, common-passwords.txt, never fetched at run
 * time), a single character or short run repeated ("aaaaaaaaaaaa", "abcabcabcabc"), or the user's own email.
 */
export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 1000

let common: Set<string> | undefined
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  )
  return common
}

/** True when the password is on the shipped list of common breached passwords (case does not matter). */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase())
}

/** "aaaaaaaaaaaa", "121212121212", "abcabcabcabc": one run of up to four characters, repeated. */
function isRepeatedRun(password: string): boolean {
  const chars = [...password.toLowerCase()]
  for (let size = 1; size <= 4 && size < chars.length; size++) {
    if (chars.length % size !== 0) continue
    if (chars.every((ch, i) => ch === chars[i % size])) return true
  }
  return false
}

/** Why a new password is refused (a sentence for the GOV.UK error message), or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  const length = [...password].length // characters, not UTF-16 code units
  if (length === 0) return 'Enter a password'
  if (length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`
  if (length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`
  if (isCommonPassword(password) || isRepeatedRun(password)) {
    return 'This password is too easy to guess: it is one of the most common passwords. Try three random words'
  }
  if (context.email && password.trim().toLowerCase() === context.email.trim().toLowerCase()) {
    return 'Password must not be your email address'
  }
  return null
}
