import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'

/**
 * The pure parts of two-factor sign-in: TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, one step either
 * side accepted for clock drift), the sealing of the shared secret at rest, and one-time recovery codes.
 */
export const TOTP_ISSUER = 'Joined Up'
const PERIOD_S = 30
const DIGITS = 6
const WINDOW = 1
export const RECOVERY_CODE_COUNT = 10

/** Keys derived from the session secret with HKDF, one per purpose, so no key is used for two things. */
function derivedKey(sessionSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'joined-up', `joined-up ${purpose} v1`, 32))
}

/**
 * Seals a TOTP secret with AES-256-GCM under a key derived from the session secret: a copy of the database
 * alone does not reveal it, and a sealed value moved to another user's row does not open (the user id is
 * authenticated with it). Format: v1.iv.ciphertext.tag, each base64url.
 */
export function sealSecret(sessionSecret: string, userId: string, base32: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', derivedKey(sessionSecret, 'totp-seal'), iv)
  cipher.setAAD(Buffer.from(userId))
  const ct = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.')
}

/** Opens a sealed secret; throws when it was not sealed with this key for this user (or was altered). */
export function openSecret(sessionSecret: string, userId: string, sealed: string): string {
  const [version, iv, ct, tag] = sealed.split('.')
  if (version !== 'v1' || !iv || !ct || !tag) throw new Error('Not a sealed TOTP secret')
  const decipher = createDecipheriv('aes-256-gcm', derivedKey(sessionSecret, 'totp-seal'), Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(userId))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8')
}

/** A new shared secret: 20 random bytes (160 bits, as RFC 4226 recommends), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

function totp(base32: string, label = 'user'): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_S, secret: Secret.fromBase32(base32) })
}

/** The 30-second time step a moment falls in. */
export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / PERIOD_S)
}

/** The code for a moment (for tests and the set-up page's own checks). */
export function totpCode(base32: string, nowMs: number): string {
  return totp(base32).generate({ timestamp: nowMs })
}

/** Spaces, hyphens and dots people type between digit groups are ignored. */
export function normaliseTotpCode(code: string): string {
  return code.replace(/[\s.-]/g, '')
}

/**
 * The time step a code belongs to when it is right now (this step or one either side), else null. The caller
 * refuses a step at or before the last one accepted, so each code works once.
 */
export function verifyTotp(base32: string, code: string, nowMs: number): number | null {
  const token = normaliseTotpCode(code)
  if (!/^\d{6}$/.test(token)) return null
  const delta = totp(base32).validate({ token, timestamp: nowMs, window: WINDOW })
  return delta === null ? null : timeStep(nowMs) + delta
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function otpauthUri(base32: string, accountName: string): string {
  return totp(base32, accountName).toString()
}

/** The key in groups of four, easier to type into an app by hand. */
export function keyInGroups(base32: string): string {
  return base32.match(/.{1,4}/g)!.join(' ')
}

/** The QR code as inline SVG, drawn on the server: no script, no image request. */
export async function qrCodeSvg(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
  return svg.replace('<svg ', '<svg role="img" aria-label="QR code for your authenticator app" width="200" height="200" focusable="false" ')
}

// Recovery codes: 10 characters from an alphabet without look-alikes (no 0/o, 1/l/i), about 50 bits each.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
const CODE_LENGTH = 10

/** New recovery codes, shown to the user once, as xxxxx-xxxxx. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}

/** What the user typed, as stored: lower case, hyphens and spaces removed. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '')
}

/**
 * The stored form of a recovery code: an HMAC keyed from the session secret and bound to the user, so a copy of
 * the database alone cannot be used to search for the codes.
 */
export function hashRecoveryCode(sessionSecret: string, userId: string, code: string): string {
  return createHmac('sha256', derivedKey(sessionSecret, 'recovery-code')).update(`${userId}:${normaliseRecoveryCode(code)}`).digest('base64url')
}
