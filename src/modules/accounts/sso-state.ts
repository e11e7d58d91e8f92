import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * What the browser carries between "Sign in with ..." and the provider's answer: the state and nonce to expect,
 * the PKCE verifier and where to go afterwards. It travels in a short-lived HttpOnly cookie, sealed with
 * AES-256-GCM under a key derived from SESSION_SECRET: the browser can neither read the verifier nor change
 * anything, and a cookie from another deployment does not open.
 */
export type PendingSso = { state: string; nonce: string; codeVerifier: string; next: string; expiresAt: number }

/** The cookie is good for 10 minutes: time to sign in at the provider, not to leave it lying around. */
export const PENDING_SSO_TTL_MS = 10 * 60_000

const keyFor = (secret: string) => createHash('sha256').update(`joined-up sso state v1\0${secret}`).digest()

export function sealPending(secret: string, pending: PendingSso): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(pending), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

/** The pending sign-in, or null when the cookie is missing, forged, from another secret or out of date. */
export function openPending(secret: string, sealed: string | undefined, now = Date.now()): PendingSso | null {
  if (!sealed || sealed.length > 4096) return null
  try {
    const raw = Buffer.from(sealed, 'base64url')
    if (raw.length < 29) return null
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(12, 28))
    const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    const p = JSON.parse(json) as Partial<PendingSso>
    const strings = [p.state, p.nonce, p.codeVerifier, p.next].every((v) => typeof v === 'string' && v.length > 0)
    if (!strings || typeof p.expiresAt !== 'number' || p.expiresAt <= now) return null
    return p as PendingSso
  } catch {
    return null
  }
}

/**
 * States already answered, kept until their cookie would have expired: a callback replayed with a copied cookie
 * is refused here, before the code is sent to the provider (which would refuse a second use of it too). In
 * memory, per instance; bounded so a flood cannot grow it without limit.
 */
export function usedStates(opts: { now?: () => number; max?: number } = {}) {
  const now = opts.now ?? Date.now
  const max = opts.max ?? 100_000
  const used = new Map<string, number>() // state -> when it may be forgotten
  return {
    /** Marks the state used; false when it already was. */
    claim(state: string, until: number): boolean {
      const t = now()
      if ((used.get(state) ?? 0) > t) return false
      if (used.size >= max) {
        for (const [k, expiry] of used) if (expiry <= t) used.delete(k)
        if (used.size >= max) used.delete(used.keys().next().value!)
      }
      used.set(state, until)
      return true
    },
  }
}
export type UsedStates = ReturnType<typeof usedStates>
