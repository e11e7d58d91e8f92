import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './passwords.ts'

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('a long passphrase', { N: 2 ** 10, r: 8, p: 1 })
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/)
    expect(await verifyPassword('a long passphrase', hash)).toBe(true)
    expect(await verifyPassword('a long passphrasf', hash)).toBe(false)
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false)
  })
  it('salts: the same password hashes differently', async () => {
    const p = { N: 2 ** 10, r: 8, p: 1 }
    expect(await hashPassword('same', p)).not.toBe(await hashPassword('same', p))
  })
  it('uses OWASP strength by default', async () => {
    expect(await hashPassword('x')).toMatch(/^scrypt\$131072\$8\$1\$/)
  })
})
