import { Hono, type Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { z } from 'zod'
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { clientAddress } from '../../platform/http/client-address.ts'
import { clearAppCookie, flash, setAppCookie } from '../../platform/http/cookies.ts'
import { isAppError, outcome } from '../../platform/http/form-route.ts'
import { privatePage, routeParam } from '../../platform/http/params.ts'
import { SESSION_COOKIE } from '../../platform/http/session.ts'
import { render } from '../../platform/views/render.ts'
import { formatDateTime } from '../../shared/dates.ts'
import type { AccountsService } from './accounts.service.ts'
import { accountPaths } from './accounts.paths.ts'
import { safeNext } from './accounts.schemas.ts'

type C = Context<AppEnv>
const CHALLENGE_COOKIE = 'ju_webauthn'

/** What the browser script sends: the credential as JSON (checked in depth by @simplewebauthn/server). */
const credentialJson = z.object({ id: z.string().min(1).max(1024), rawId: z.string().max(1024), type: z.literal('public-key'), response: z.record(z.string(), z.unknown()) }).loose()
const AddPasskeySchema = z.object({
  name: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'Enter a name for this passkey' }).min(1, 'Enter a name for this passkey').max(100, 'The name must be 100 characters or fewer')),
  response: credentialJson,
})
const PasskeySignInSchema = z.object({ response: credentialJson, next: z.string().max(2000).optional() })

/** A JSON body, or null when it is not JSON of the expected shape (a 400, never a 500). */
async function jsonBody<T>(c: C, schema: z.ZodType<T>): Promise<{ ok: true; data: T } | { ok: false; error: string }> {
  let raw: unknown
  try {
    raw = await c.req.json()
  } catch {
    return { ok: false, error: 'The request could not be read' }
  }
  const parsed = schema.safeParse(raw)
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? 'The request could not be read' }
}

/**
 * Passkeys: the account page lists them (remove works without JavaScript); adding one and signing in with one
 * need the browser's WebAuthn API, so those are JSON endpoints that passkeys.js calls, with the CSRF token in a
 * header. The challenge rides in a short-lived signed HttpOnly cookie.
 */
export function passkeysRoutes(accounts: AccountsService) {
  const app = new Hono<AppEnv>()
  const signedIn = (c: C) => {
    privatePage(c)
    return requireUser(c)
  }

  app.get(accountPaths.passkeys(), async (c) => {
    const user = signedIn(c)
    const rows = (await accounts.listPasskeys(user)).map((p) => ({
      id: p.id,
      name: p.name,
      added: formatDateTime(p.createdAt),
      lastUsed: p.lastUsedAt ? formatDateTime(p.lastUsedAt) : 'Never',
      removeHref: accountPaths.removePasskey(p.id),
    }))
    return render(c, 'accounts/views/passkeys.njk', { pageTitle: 'Passkeys', paths: accountPaths, rows })
  })

  app.post(accountPaths.passkeyOptions(), async (c) => {
    const user = signedIn(c)
    const options = await accounts.passkeyRegistrationOptions(user)
    setAppCookie(c, CHALLENGE_COOKIE, accounts.sealPasskeyChallenge('register', user.id, options.challenge), 300)
    return c.json(options)
  })

  app.post(accountPaths.passkeys(), async (c) => {
    const user = signedIn(c)
    const body = await jsonBody(c, AddPasskeySchema)
    if (!body.ok) return c.json({ error: body.error }, 400)
    const challenge = accounts.openPasskeyChallenge(getCookie(c, CHALLENGE_COOKIE), 'register', user.id)
    clearAppCookie(c, CHALLENGE_COOKIE)
    if (!challenge) return c.json({ error: 'This took too long. Try again' }, 400)
    try {
      await accounts.addPasskey(user, { name: body.data.name, response: body.data.response as unknown as RegistrationResponseJSON, expectedChallenge: challenge })
    } catch (err) {
      if (isAppError(err, 'VALIDATION')) return c.json({ error: err.fieldErrors?.passkey ?? err.message }, 400)
      throw err
    }
    flash(c, `Passkey “${body.data.name}” added. You can now sign in with it`)
    return c.json({ redirect: accountPaths.passkeys() })
  })

  app.post(accountPaths.removePasskey(':id'), async (c) => {
    const user = signedIn(c)
    await accounts.removePasskey(user, routeParam(c, 'id'))
    return outcome(c, { redirect: accountPaths.passkeys(), flash: 'Passkey removed' })
  })

  app.post(accountPaths.signInPasskeyOptions(), async (c) => {
    privatePage(c)
    const options = await accounts.passkeySignInOptions()
    setAppCookie(c, CHALLENGE_COOKIE, accounts.sealPasskeyChallenge('sign-in', '-', options.challenge), 300)
    return c.json(options)
  })

  app.post(accountPaths.signInPasskey(), async (c) => {
    privatePage(c)
    const body = await jsonBody(c, PasskeySignInSchema)
    if (!body.ok) return c.json({ error: body.error }, 400)
    const challenge = accounts.openPasskeyChallenge(getCookie(c, CHALLENGE_COOKIE), 'sign-in', '-')
    clearAppCookie(c, CHALLENGE_COOKIE)
    if (!challenge) return c.json({ error: 'This took too long. Try again' }, 400)
    const from = { client: clientAddress(c), userAgent: c.req.header('user-agent'), replacing: getCookie(c, SESSION_COOKIE) }
    const result = await accounts.signInWithPasskey(body.data.response as unknown as AuthenticationResponseJSON, challenge, from)
    if (result.kind === 'throttled') return c.json({ error: `Too many failed attempts. Wait ${result.retryAfterMinutes} minutes and try again` }, 429)
    if (result.kind === 'wrong') return c.json({ error: 'That passkey could not sign you in. Try again, or sign in with your email address and password' }, 400)
    setAppCookie(c, SESSION_COOKIE, result.token)
    return c.json({ redirect: safeNext(body.data.next) })
  })

  return app
}
