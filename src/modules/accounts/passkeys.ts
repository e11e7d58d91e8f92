import { createHmac, timingSafeEqual } from 'node:crypto'
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import { recordAudit } from '../../platform/audit/audit.ts'
import { AppError, notFound, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { PasskeyRow } from './second-factor.repository.ts'
import type { SecondFactorDeps } from './second-factor-sign-in.ts'
import { startSession } from './sessions.ts'

/**
 * Passkeys (WebAuthn): a signed-in user registers one or more, then signs in with one instead of a password. A
 * passkey needs the device and the user's PIN or biometric (user verification is required), so it is itself two
 * factors: the session's method is 'passkey'. The relying party is the host of PUBLIC_URL.
 */
export type PasskeyDeps = SecondFactorDeps & { publicUrl: string }
export type PasskeySignInResult = { kind: 'signed_in'; token: string; userId: string } | { kind: 'wrong' } | { kind: 'throttled'; retryAfterMinutes: number }

const CHALLENGE_LIFETIME_MS = 5 * 60_000
const relyingParty = (publicUrl: string) => {
  const url = new URL(publicUrl)
  return { rpID: url.hostname, origin: url.origin }
}
const userHandle = (userId: string) => Buffer.from(userId, 'utf8').toString('base64url')
const transportsOf = (row: PasskeyRow) => (row.transports ? (row.transports.split(',') as AuthenticatorTransport[]) : undefined)

/**
 * The WebAuthn challenge travels in an HttpOnly cookie, signed (so only one this server issued is accepted), for
 * one purpose and one user (or none, to sign in), for five minutes: purpose.subject.challenge.expires.mac.
 */
export function sealChallenge(sessionSecret: string, purpose: 'register' | 'sign-in', subject: string, challenge: string, now = Date.now()): string {
  const body = `${purpose}.${subject}.${challenge}.${now + CHALLENGE_LIFETIME_MS}`
  return `${body}.${createHmac('sha256', sessionSecret).update(`webauthn:${body}`).digest('base64url')}`
}

/** The challenge in a cookie, if this server issued it for this purpose and subject and it has not expired. */
export function openChallenge(sessionSecret: string, cookie: string | undefined, purpose: 'register' | 'sign-in', subject: string, now = Date.now()): string | null {
  const parts = cookie?.split('.') ?? []
  if (parts.length !== 5) return null
  const [p, s, challenge, expires, mac] = parts as [string, string, string, string, string]
  const expected = Buffer.from(createHmac('sha256', sessionSecret).update(`webauthn:${p}.${s}.${challenge}.${expires}`).digest('base64url'))
  const given = Buffer.from(mac)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  if (p !== purpose || s !== subject || !(Number(expires) > now)) return null
  return challenge
}

export async function listPasskeys({ repo }: PasskeyDeps, actor: CurrentUser): Promise<PasskeyRow[]> {
  return repo.passkeysOf(actor.id)
}

/** Options for the browser to create a passkey: a discoverable credential with user verification. */
export async function registrationOptions(deps: PasskeyDeps, actor: CurrentUser): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await deps.repo.passkeysOf(actor.id)
  return generateRegistrationOptions({
    rpName: 'Joined Up',
    rpID: relyingParty(deps.publicUrl).rpID,
    userName: actor.email,
    userDisplayName: actor.displayName,
    userID: Buffer.from(actor.id, 'utf8'),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  })
}

/** Checks the browser's new credential against the challenge and stores its public key. */
export async function addPasskey(deps: PasskeyDeps, actor: CurrentUser, input: { name: string; response: RegistrationResponseJSON; expectedChallenge: string }): Promise<void> {
  const { rpID, origin } = relyingParty(deps.publicUrl)
  const refused = () => validation({ passkey: 'The passkey could not be added. Try again' })
  let info
  try {
    const result = await verifyRegistrationResponse({ response: input.response, expectedChallenge: input.expectedChallenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: true })
    if (!result.verified) throw refused()
    info = result.registrationInfo
  } catch (err) {
    if (err instanceof AppError) throw err
    throw refused()
  }
  const { credential } = info
  await deps.db.transaction(async (tx) => {
    const values = {
      id: credential.id,
      userId: actor.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports?.join(',') ?? null,
      name: input.name,
    }
    if (!(await deps.repo.insertPasskey(values, tx))) throw validation({ passkey: 'This passkey is already registered' })
    await recordAudit(tx, { userId: actor.id }, { event: 'user.passkey_added', subjectType: 'user', subjectId: actor.id, data: { name: input.name, deviceType: info.credentialDeviceType } })
  })
}

export async function removePasskey(deps: PasskeyDeps, actor: CurrentUser, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const removed = await deps.repo.deletePasskey(id, actor.id, tx)
    if (!removed) throw notFound('Passkey')
    await recordAudit(tx, { userId: actor.id }, { event: 'user.passkey_removed', subjectType: 'user', subjectId: actor.id, data: { name: removed.name } })
  })
}

/** Options for the browser to sign in with any passkey of this site (the browser offers the user's own). */
export async function authenticationOptions(deps: PasskeyDeps): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({ rpID: relyingParty(deps.publicUrl).rpID, userVerification: 'required' })
}

/**
 * Signs in with a passkey: counted by the sign-in throttle per address before the signature is checked; the
 * signature, the challenge, the origin, user verification and the signature counter must all be right.
 */
export async function signInWithPasskey(
  deps: PasskeyDeps,
  input: { response: AuthenticationResponseJSON; expectedChallenge: string; client?: string; userAgent?: string; replacing?: string },
): Promise<PasskeySignInResult> {
  const { db, repo, throttle } = deps
  const client = input.client ?? 'unknown'
  const admitted = throttle.admit('passkey', client)
  if (!admitted.ok) return { kind: 'throttled', retryAfterMinutes: Math.ceil(admitted.retryAfterMs / 60_000) }
  const passkey = typeof input.response?.id === 'string' ? await repo.findPasskey(input.response.id) : undefined
  const user = passkey && (await repo.findUserById(passkey.userId))
  const handle = input.response?.response?.userHandle
  let verified: { newCounter: number } | null = null
  if (passkey && user && !user.disabled && (!handle || handle === userHandle(user.id))) {
    const { rpID, origin } = relyingParty(deps.publicUrl)
    const credential = { id: passkey.id, publicKey: Buffer.from(passkey.publicKey, 'base64url'), counter: passkey.counter, transports: transportsOf(passkey) }
    try {
      const result = await verifyAuthenticationResponse({ response: input.response, expectedChallenge: input.expectedChallenge, expectedOrigin: origin, expectedRPID: rpID, credential, requireUserVerification: true })
      if (result.verified) verified = { newCounter: result.authenticationInfo.newCounter }
    } catch {
      verified = null // malformed, wrong signature, counter gone backwards (a cloned key): refused alike
    }
  }
  const now = new Date()
  const token = await db.transaction(async (tx) => {
    if (!verified || !passkey || !user || !(await repo.usePasskey(passkey.id, passkey.counter, verified.newCounter, now, tx))) {
      await recordAudit(tx, { system: 'sign-in' }, { event: 'user.sign_in_failed', subjectType: 'user', subjectId: user?.id ?? 'unknown', data: { client, method: 'passkey' } })
      return null
    }
    const t = await startSession(deps, user.id, tx, input.replacing, { method: 'passkey', client, userAgent: input.userAgent })
    await repo.updateUser(user.id, { lastSignedInAt: now }, tx)
    await recordAudit(tx, { userId: user.id }, { event: 'user.signed_in', subjectType: 'user', subjectId: user.id, data: { client, method: 'passkey', passkey: passkey.name } })
    return t
  })
  if (!token || !user) return { kind: 'wrong' }
  throttle.succeeded(admitted.ticket)
  throttle.completed(user.email, client)
  return { kind: 'signed_in', token, userId: user.id }
}
