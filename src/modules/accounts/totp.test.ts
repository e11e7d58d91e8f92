import { describe, expect, it } from 'vitest'
import { URI, type TOTP } from 'otpauth'
import {
  hashRecoveryCode,
  keyInGroups,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  openSecret,
  otpauthUri,
  qrCodeSvg,
  sealSecret,
  timeStep,
  totpCode,
  verifyTotp,
} from './totp.ts'

const SECRET = 'session-secret-for-unit-tests-only-0123456789'
const USER = '0b6f4a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'
// RFC 6238 appendix B: the SHA-1 test key "12345678901234567890" (base32) and its 8-digit vectors, cut to 6.
const RFC_KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

describe('sealing the TOTP secret at rest', () => {
  it('opens what it sealed, and the sealed value shows nothing of the secret', () => {
    const key = newTotpSecret()
    const sealed = sealSecret(SECRET, USER, key)
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(sealed).not.toContain(key)
    expect(openSecret(SECRET, USER, sealed)).toBe(key)
  })

  it('seals the same secret differently each time (a fresh IV)', () => {
    const key = newTotpSecret()
    expect(sealSecret(SECRET, USER, key)).not.toBe(sealSecret(SECRET, USER, key))
  })

  it('refuses another session secret, another user, and any change to the sealed value', () => {
    const sealed = sealSecret(SECRET, USER, newTotpSecret())
    expect(() => openSecret('another-secret', USER, sealed)).toThrow()
    expect(() => openSecret(SECRET, 'another-user', sealed)).toThrow()
    const [v, iv, ct, tag] = sealed.split('.') as [string, string, string, string]
    const flipped = ct.slice(0, -2) + (ct.at(-2) === 'A' ? 'B' : 'A') + ct.at(-1)
    expect(() => openSecret(SECRET, USER, [v, iv, flipped, tag].join('.'))).toThrow()
    expect(() => openSecret(SECRET, USER, ['v2', iv, ct, tag].join('.'))).toThrow()
    expect(() => openSecret(SECRET, USER, 'plain-base32')).toThrow()
  })

  it('makes 160-bit base32 secrets', () => {
    const key = newTotpSecret()
    expect(key).toMatch(/^[A-Z2-7]{32}$/)
    expect(newTotpSecret()).not.toBe(key)
  })
})

describe('verifying a TOTP code', () => {
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    expect(totpCode(RFC_KEY, 59_000)).toBe('287082')
    expect(totpCode(RFC_KEY, 1_111_111_109_000)).toBe('081804')
    expect(totpCode(RFC_KEY, 1_234_567_890_000)).toBe('005924')
  })

  it('accepts the current step and one either side, and says which step the code was', () => {
    const now = 1_700_000_000_000
    const step = timeStep(now)
    expect(verifyTotp(RFC_KEY, totpCode(RFC_KEY, now), now)).toBe(step)
    expect(verifyTotp(RFC_KEY, totpCode(RFC_KEY, now - 30_000), now)).toBe(step - 1)
    expect(verifyTotp(RFC_KEY, totpCode(RFC_KEY, now + 30_000), now)).toBe(step + 1)
  })

  it('refuses codes two steps away, wrong codes, other keys and anything not 6 digits', () => {
    const now = 1_700_000_000_000
    expect(verifyTotp(RFC_KEY, totpCode(RFC_KEY, now - 60_000), now)).toBeNull()
    expect(verifyTotp(RFC_KEY, totpCode(RFC_KEY, now + 60_000), now)).toBeNull()
    const right = totpCode(RFC_KEY, now)
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
    expect(verifyTotp(RFC_KEY, wrong, now)).toBeNull()
    expect(verifyTotp(newTotpSecret(), right, now)).toBeNull()
    expect(verifyTotp(RFC_KEY, right.slice(0, 5), now)).toBeNull()
    expect(verifyTotp(RFC_KEY, `${right}0`, now)).toBeNull()
    expect(verifyTotp(RFC_KEY, 'abcdef', now)).toBeNull()
  })

  it('ignores spaces and hyphens people type between the digits', () => {
    const now = 1_700_000_000_000
    const code = totpCode(RFC_KEY, now)
    expect(verifyTotp(RFC_KEY, ` ${code.slice(0, 3)} ${code.slice(3)} `, now)).toBe(timeStep(now))
    expect(verifyTotp(RFC_KEY, `${code.slice(0, 3)}-${code.slice(3)}`, now)).toBe(timeStep(now))
  })

  it('gives authenticator apps an otpauth address they read: SHA1, 6 digits, 30 seconds', () => {
    const uri = otpauthUri(RFC_KEY, 'sam@example.org')
    expect(uri).toBe(`otpauth://totp/Joined%20Up:sam%40example.org?issuer=Joined%20Up&secret=${RFC_KEY}&algorithm=SHA1&digits=6&period=30`)
    // What an app does with it: parse the address and make the same code.
    const parsed = URI.parse(uri) as TOTP
    expect(parsed.generate({ timestamp: 59_000 })).toBe('287082')
  })

  it('shows the key in groups of four', () => {
    expect(keyInGroups(RFC_KEY)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ')
    expect(keyInGroups('ABCDEF')).toBe('ABCD EF')
  })

  it('draws the QR code as accessible inline SVG', async () => {
    const svg = await qrCodeSvg(otpauthUri(RFC_KEY, 'sam@example.org'))
    expect(svg).toMatch(/^<svg role="img" aria-label="QR code for your authenticator app"/)
    expect(svg).toContain('<path')
    expect(svg).not.toContain('<script')
  })
})

describe('recovery codes', () => {
  it('makes 10 different codes like abcde-23456, without look-alike characters', () => {
    const codes = newRecoveryCodes()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/)
  })

  it('hashes what the user typed the same way whatever the case, spaces or hyphens', () => {
    const [code] = newRecoveryCodes(1) as [string]
    const stored = hashRecoveryCode(SECRET, USER, code)
    expect(hashRecoveryCode(SECRET, USER, code.toUpperCase())).toBe(stored)
    expect(hashRecoveryCode(SECRET, USER, ` ${code.replace('-', ' ')} `)).toBe(stored)
    expect(normaliseRecoveryCode('ABCDE-23456')).toBe('abcde23456')
    expect(stored).not.toContain(normaliseRecoveryCode(code))
  })

  it('binds the hash to the user and the session secret', () => {
    const [code] = newRecoveryCodes(1) as [string]
    const stored = hashRecoveryCode(SECRET, USER, code)
    expect(hashRecoveryCode(SECRET, 'another-user', code)).not.toBe(stored)
    expect(hashRecoveryCode('another-secret', USER, code)).not.toBe(stored)
    expect(hashRecoveryCode(SECRET, USER, 'abcde-23456')).not.toBe(hashRecoveryCode(SECRET, USER, 'abcde-23457'))
  })
})
