import * as oidc from 'openid-client'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/client.ts'
import type { SsoConfig } from '../../config.ts'
import type { UserRow } from './accounts.repository.ts'
import { startSession, type SessionDeps } from './sessions.ts'
import { createSsoClient, SsoResponseError, SsoUnavailableError, type SsoClaims, type SsoClient } from './sso-client.ts'
import { openPending, PENDING_SSO_TTL_MS, sealPending, usedStates } from './sso-state.ts'

/**
 * Single sign-on (OpenID Connect). The provider proves who someone is; Joined Up decides whether they have an
 * account, and never makes one or gives a role because a provider says so:
 * - an identity (issuer + subject) linked before signs in its user;
 * - otherwise an email the provider says is verified, equal to an existing account's, links the identity to that
 *   account (audited) and signs in, unless that account is disabled or already linked to another identity at
 *   the same provider;
 * - anything else is refused (audited), and the page tells the person to ask to be invited.
 */
export type SsoRefusal = 'no_email' | 'email_not_verified' | 'unknown_email' | 'disabled' | 'linked_elsewhere'
export type SsoResult =
  | { kind: 'signed_in'; token: string; userId: string; next: string; linked: boolean }
  | { kind: 'refused'; reason: SsoRefusal; email?: string }
  | { kind: 'failed'; reason: 'bad_state' | 'provider_said_no' | 'unavailable'; detail?: string }

export type SsoDeps = SessionDeps & {
  sso: SsoConfig
  /** SESSION_SECRET: seals the pending sign-in cookie. */
  secret: string
  onError: (message: string, meta: Record<string, unknown>) => void
}

/**
 * Whether the provider vouches for the email: `email_verified` true (the standard claim; the string "true" is
 * accepted from providers that send strings). Microsoft Entra ID never sends it for work accounts; there its
 * optional claim `xms_edov` ("email domain owner verified": the address is in a domain the user's own tenant has
 * proved it owns) stands in, but only when `email_verified` is absent, never over an explicit false.
 */
export function emailIsVerified(claims: Pick<SsoClaims, 'emailVerified' | 'emailDomainVerified'>): boolean {
  const yes = (v: unknown) => v === true || v === 'true'
  if (claims.emailVerified !== undefined && claims.emailVerified !== null) return yes(claims.emailVerified)
  return yes(claims.emailDomainVerified)
}

export function ssoService(deps: SsoDeps, client: SsoClient = createSsoClient(deps.sso)) {
  const used = usedStates()

  return {
    displayName: deps.sso.displayName,

    /** Where to send the browser, and the sealed cookie that must come back with it. */
    async begin(next: string): Promise<{ url: string; sealed: string } | { kind: 'failed'; reason: 'unavailable' }> {
      const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), next, expiresAt: Date.now() + PENDING_SSO_TTL_MS }
      try {
        const url = await client.authorizationUrl(pending)
        return { url: url.href, sealed: sealPending(deps.secret, pending) }
      } catch (err) {
        deps.onError('single sign-on: provider unavailable', { issuer: deps.sso.issuer, error: String(err) })
        return { kind: 'failed', reason: 'unavailable' }
      }
    },

    /** The provider's answer: checked against the cookie, exchanged, matched to an account. */
    async finish(input: { sealed: string | undefined; callback: URLSearchParams; replacing?: string; userAgent?: string; client?: string }): Promise<SsoResult> {
      const pending = openPending(deps.secret, input.sealed)
      const state = input.callback.get('state')
      // No cookie, a forged or stale one, a state that is not its own, or one already answered (a replay).
      if (!pending || !state || state !== pending.state || !used.claim(state, pending.expiresAt)) return { kind: 'failed', reason: 'bad_state' }
      let claims: SsoClaims
      try {
        claims = await client.exchange(input.callback, pending)
      } catch (err) {
        if (err instanceof SsoResponseError) return { kind: 'failed', reason: 'provider_said_no', detail: err.providerError ?? err.message }
        if (!(err instanceof SsoUnavailableError)) throw err
        deps.onError('single sign-on: provider unavailable', { issuer: deps.sso.issuer, error: err.message })
        return { kind: 'failed', reason: 'unavailable' }
      }
      return deps.db.transaction((tx) => match(deps, tx, claims, { ...input, next: pending.next }))
    },
  }
}
export type SsoService = ReturnType<typeof ssoService>

type Context = { next: string; replacing?: string; userAgent?: string; client?: string }

async function match(deps: SsoDeps, tx: Db, claims: SsoClaims, ctx: Context): Promise<SsoResult> {
  const { repo } = deps
  const refuse = async (reason: SsoRefusal, user?: UserRow): Promise<SsoResult> => {
    await recordAudit(tx, { system: 'sso' }, {
      event: 'user.sso_refused',
      subjectType: 'user',
      subjectId: user?.id ?? 'unknown',
      data: { reason, issuer: claims.issuer, subject: claims.subject, email: claims.email ?? null, client: ctx.client ?? 'unknown' },
    })
    return { kind: 'refused', reason, email: claims.email }
  }

  const identity = await repo.findIdentity(claims.issuer, claims.subject, tx)
  if (identity) {
    const user = await repo.findUserById(identity.userId, tx)
    if (!user || user.disabled) return refuse('disabled', user)
    await repo.touchIdentity(claims.issuer, claims.subject, new Date(), tx)
    return signIn(deps, tx, user, claims, ctx, false)
  }

  if (!claims.email) return refuse('no_email')
  if (!emailIsVerified(claims)) return refuse('email_not_verified')
  const user = await repo.findUserByEmail(claims.email, tx)
  if (!user) return refuse('unknown_email')
  if (user.disabled) return refuse('disabled', user)
  // One identity per provider per account: a second subject claiming the same address (a recreated or
  // impersonating directory entry) does not take over an account already linked; an admin can unlink the old one.
  if ((await repo.identitiesOf(user.id, tx)).some((i) => i.issuer === claims.issuer)) return refuse('linked_elsewhere', user)
  await repo.insertIdentity({ issuer: claims.issuer, subject: claims.subject, userId: user.id, email: claims.email, lastUsedAt: new Date() }, tx)
  await recordAudit(tx, { userId: user.id }, {
    event: 'user.sso_linked',
    subjectType: 'user',
    subjectId: user.id,
    data: { issuer: claims.issuer, subject: claims.subject, email: claims.email },
  })
  return signIn(deps, tx, user, claims, ctx, true)
}

async function signIn(deps: SsoDeps, tx: Db, user: UserRow, claims: SsoClaims, ctx: Context, linked: boolean): Promise<SsoResult> {
  const client = ctx.client ?? 'unknown'
  const token = await startSession(deps, user.id, tx, ctx.replacing, { method: 'sso', userAgent: ctx.userAgent, client })
  await deps.repo.updateUser(user.id, { lastSignedInAt: new Date() }, tx)
  await recordAudit(tx, { userId: user.id }, { event: 'user.signed_in', subjectType: 'user', subjectId: user.id, data: { client, method: 'sso', issuer: claims.issuer } })
  return { kind: 'signed_in', token, userId: user.id, next: ctx.next, linked }
}
