import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { hashPassword } from '../../platform/http/passwords.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { Mailer } from '../../platform/mail/mailer.ts'
import type { AccountsRepository } from './accounts.repository.ts'
import { hashToken } from './account-links.ts'
import { createSignInThrottle } from './sign-in-throttle.ts'
import { currentUser, resumeSession, type SessionDeps } from './sessions.ts'
import { signIn } from './sign-in.ts'
import { endMySession, endOtherSessions, listMySessions } from './session-list.ts'
import { DEFAULT_SESSION_TIMEOUTS, liveSince, type SessionTimeouts } from './session-timeouts.ts'
import { ssoService } from './sso.ts'
import type { SsoClient } from './sso-client.ts'
import type { SsoConfig } from '../../config.ts'
import { changePassword, describeLink, requestPasswordReset, resetThrottles, setPasswordFromLink, type PasswordDeps } from './passwords.ts'
import * as admin from './user-admin.ts'
import { challengeIsLive, completeSecondFactor, type SecondFactorDeps, type SecondFactorMethod } from './second-factor-sign-in.ts'
import * as twoFactor from './two-factor.ts'
import * as passkeys from './passkeys.ts'
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import { getSecuritySettings, mustSetUpTwoFactor, updateSecuritySettings } from './security-settings.ts'
import type { InviteInput } from './user-admin.ts'
import type { Grant } from './accounts.policy.ts'

export { hashToken }
export type { SignInResult } from './sign-in.ts'
export type { ResumedSession } from './sessions.ts'
export type { SecondFactorResult } from './second-factor-sign-in.ts'
export type { TwoFactorStatus, SetUpDetails } from './two-factor.ts'

export type AccountsOptions = {
  mailer?: Mailer
  /** Where links in emails and on the command line point. */
  publicUrl?: string
  /** Seals two-factor secrets and keys recovery-code hashes (HKDF-derived keys, one per purpose). */
  sessionSecret?: string
  /** Errors of work done after the answer (the reset email). */
  onError?: (message: string, meta: Record<string, unknown>) => void
  /** Idle and absolute session limits (SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS). */
  sessionTimeouts?: SessionTimeouts
  /** Single sign-on, when configured (OIDC_*), and the secret that seals its pending-sign-in cookie. */
  sso?: { config: SsoConfig; secret: string; client?: SsoClient }
}

/** The accounts use cases, assembled from one file per group: sign-in, sessions, passwords, user admin. */
export function accountsService(db: Db, repo: AccountsRepository, opts: AccountsOptions = {}) {
  const throttle = createSignInThrottle()
  const timeouts = opts.sessionTimeouts ?? DEFAULT_SESSION_TIMEOUTS
  const sessionDeps: SessionDeps = { db, repo, timeouts }
  const mailer: Mailer = opts.mailer ?? { send: () => Promise.reject(new Error('No mailer')) }
  const publicUrl = opts.publicUrl ?? 'http://localhost:3000'
  const onError = opts.onError ?? ((message, meta) => console.error(JSON.stringify({ level: 'error', msg: message, ...meta })))
  const passwordDeps: PasswordDeps = { ...sessionDeps, mailer, publicUrl, throttle, onError }
  const adminDeps: admin.AdminDeps = { db, repo, mailer, publicUrl }
  const resets = resetThrottles()
  const sso = opts.sso ? ssoService({ ...sessionDeps, sso: opts.sso.config, secret: opts.sso.secret, onError }, opts.sso.client) : undefined
  const secondFactorDeps: SecondFactorDeps = { ...sessionDeps, throttle, sessionSecret: opts.sessionSecret ?? 'development-only-secret-not-for-production-use' }
  type SignInFrom = { client?: string; userAgent?: string; replacing?: string }
  const passkeyDeps: passkeys.PasskeyDeps = { ...secondFactorDeps, publicUrl }
  return {
    /** Single sign-on (sso.ts), or undefined when it is not configured. */
    sso,
    // Sign-in and sessions
    signIn: (email: string, password: string, client = 'unknown', replacing?: string, userAgent?: string) =>
      signIn({ ...sessionDeps, throttle }, { email, password, client, replacing, userAgent }),
    completeSecondFactor: (challenge: string, method: SecondFactorMethod, code: string, from: SignInFrom = {}) =>
      completeSecondFactor(secondFactorDeps, { challenge, method, code, ...from }),
    challengeIsLive: (challenge: string) => challengeIsLive(sessionDeps, challenge),

    // Two-factor sign-in: the user's own set-up; the admin's requirement for staff
    twoFactorStatus: (actor: CurrentUser) => twoFactor.twoFactorStatus(secondFactorDeps, actor),
    beginTwoFactorSetUp: (actor: CurrentUser) => twoFactor.beginSetUp(secondFactorDeps, actor),
    twoFactorSetUpDetails: (actor: CurrentUser) => twoFactor.setUpDetails(secondFactorDeps, actor),
    confirmTwoFactorSetUp: (actor: CurrentUser, code: string) => twoFactor.confirmSetUp(secondFactorDeps, actor, code),
    regenerateRecoveryCodes: (actor: CurrentUser, currentPassword: string, client?: string) => twoFactor.regenerateRecoveryCodes(secondFactorDeps, actor, currentPassword, client),
    disableTwoFactor: (actor: CurrentUser, currentPassword: string, client?: string) => twoFactor.disableTwoFactor(secondFactorDeps, actor, currentPassword, client),
    resetTwoFactor: (actor: CurrentUser, userId: string) => twoFactor.resetTwoFactorFor(secondFactorDeps, actor, userId),
    // Passkeys: registered when signed in, then a way to sign in without a password
    listPasskeys: (actor: CurrentUser) => passkeys.listPasskeys(passkeyDeps, actor),
    passkeyRegistrationOptions: (actor: CurrentUser) => passkeys.registrationOptions(passkeyDeps, actor),
    addPasskey: (actor: CurrentUser, input: { name: string; response: RegistrationResponseJSON; expectedChallenge: string }) => passkeys.addPasskey(passkeyDeps, actor, input),
    removePasskey: (actor: CurrentUser, id: string) => passkeys.removePasskey(passkeyDeps, actor, id),
    passkeySignInOptions: () => passkeys.authenticationOptions(passkeyDeps),
    signInWithPasskey: (response: AuthenticationResponseJSON, expectedChallenge: string, from: SignInFrom = {}) =>
      passkeys.signInWithPasskey(passkeyDeps, { response, expectedChallenge, ...from }),
    /** The WebAuthn challenge cookie: sealed with the session secret for one purpose and subject. */
    sealPasskeyChallenge: (purpose: 'register' | 'sign-in', subject: string, challenge: string) => passkeys.sealChallenge(secondFactorDeps.sessionSecret, purpose, subject, challenge),
    openPasskeyChallenge: (cookie: string | undefined, purpose: 'register' | 'sign-in', subject: string) => passkeys.openChallenge(secondFactorDeps.sessionSecret, cookie, purpose, subject),
    securitySettings: (actor: CurrentUser) => getSecuritySettings(sessionDeps, actor),
    updateSecuritySettings: (actor: CurrentUser, input: { requireTwoFactorForStaff: boolean; version: number }) => updateSecuritySettings(sessionDeps, actor, input),
    mustSetUpTwoFactor: (user: CurrentUser) => mustSetUpTwoFactor(sessionDeps, user),
    async signOut(token: string): Promise<void> {
      await repo.deleteSession(hashToken(token))
    },
    resumeSession: (token: string, o?: { mayRotate: boolean }) => resumeSession(sessionDeps, token, o),
    /** The user behind a session cookie (no rotation). */
    resolveSession: async (token: string): Promise<CurrentUser | null> => (await resumeSession(sessionDeps, token))?.user ?? null,
    currentUser: (userId: string) => currentUser(sessionDeps, userId),
    sessionTimeouts: timeouts,

    // Your sessions
    listMySessions: (actor: CurrentUser, currentHash: string | null) => listMySessions(sessionDeps, actor, currentHash),
    endMySession: (actor: CurrentUser, id: string, currentHash: string | null) => endMySession(sessionDeps, actor, id, currentHash),
    endOtherSessions: (actor: CurrentUser, currentHash: string) => endOtherSessions(sessionDeps, actor, currentHash),

    // Passwords
    describeLink: (token: string) => describeLink(sessionDeps, token),
    setPasswordFromLink: (token: string, input: { password: string; confirmPassword: string }) => setPasswordFromLink(sessionDeps, token, input),
    requestPasswordReset: (email: string, client?: string) => requestPasswordReset({ ...passwordDeps, resetThrottles: resets }, email, client),
    changePassword: (actor: CurrentUser, input: { currentPassword: string; password: string; confirmPassword: string }, o?: { client?: string; sessionToken?: string; userAgent?: string }) =>
      changePassword(passwordDeps, actor, input, o),

    // People management
    listAccounts: (actor: CurrentUser) => admin.listAccounts(adminDeps, actor),
    getAccount: (actor: CurrentUser, userId: string) => admin.loadVisibleAccount(adminDeps, actor, userId),
    grantOptions: (actor: CurrentUser) => admin.grantOptions(adminDeps, actor),
    peopleToLink: (actor: CurrentUser) => repo.peopleSeatedIn(actor.isAdmin ? undefined : actor.secretariatOf),
    findPerson: (personId: string) => repo.findPerson(personId),
    partnershipNames: (ids?: string[]) => repo.partnershipNames(ids),
    organisationNames: (ids: string[]) => repo.organisationNames(ids),
    inviteUser: (actor: CurrentUser, input: InviteInput) => admin.inviteUser(adminDeps, actor, input),
    resendInvitation: (actor: CurrentUser, userId: string) => admin.resendInvitation(adminDeps, actor, userId),
    grantRole: (actor: CurrentUser, userId: string, grant: Grant) => admin.grantRole(adminDeps, actor, userId, grant),
    removeRole: (actor: CurrentUser, userId: string, grant: Grant) => admin.removeRole(adminDeps, actor, userId, grant),
    setDisabled: (actor: CurrentUser, userId: string, disabled: boolean) => admin.setDisabled(adminDeps, actor, userId, disabled),
    linkPerson: (actor: CurrentUser, userId: string, personId: string | null) => admin.linkPerson(adminDeps, actor, userId, personId),
    identitiesOfAccount: (actor: CurrentUser, userId: string) => admin.identitiesOfAccount(adminDeps, actor, userId),
    unlinkIdentity: (actor: CurrentUser, userId: string, identity: { issuer: string; subject: string }) => admin.unlinkIdentity(adminDeps, actor, userId, identity),

    // The command line (an operator at the server: no signed-in actor)
    createAdmin: (input: { email: string; displayName: string }) => admin.createAdmin(adminDeps, input),
    async setDisabledByEmail(email: string, disabled: boolean): Promise<boolean> {
      const user = await repo.findUserByEmail(email)
      if (!user) return false
      await admin.setDisabled(adminDeps, null, user.id, disabled)
      return true
    },
    /** False when there is no such account, or it has no two-factor authentication to reset. */
    async resetTwoFactorByEmail(email: string): Promise<boolean> {
      const user = await repo.findUserByEmail(email)
      if (!user || (!user.totpEnabledAt && !user.totpSecret)) return false
      await twoFactor.resetTwoFactorFor(secondFactorDeps, null, user.id)
      return true
    },
    listAllUsers: () => repo.listUsers(),
    countUsers: () => repo.countUsers(),

    /** For the demo seed and tests: a user with a password, in the caller's transaction. */
    async createUser(
      tx: Db,
      input: { email: string; displayName: string; password: string; isAdmin?: boolean; isDemo?: boolean; personId?: string | null; secretariatOf?: string[] },
      passwordParams?: { N: number; r: number; p: number },
    ) {
      const user = await repo.insertUser(
        {
          email: input.email,
          displayName: input.displayName,
          passwordHash: await hashPassword(input.password, passwordParams),
          isAdmin: input.isAdmin ?? false,
          isDemo: input.isDemo ?? false,
          personId: input.personId ?? null,
        },
        tx,
      )
      for (const p of input.secretariatOf ?? []) await repo.grantRole(user.id, p, 'secretariat', tx)
      await recordAudit(tx, { system: 'accounts' }, { event: 'user.created', subjectType: 'user', subjectId: user.id })
      return user
    },

    countDemoUsers: () => repo.countDemoUsers(),
    /** Tidies expired sessions and expired second-factor challenges (the maintenance timer calls it). */
    async deleteExpiredSessions(): Promise<number> {
      const now = new Date()
      await repo.deleteExpiredChallenges(now)
      return repo.deleteExpiredSessions(now, liveSince(now, timeouts))
    },
  }
}
export type AccountsService = ReturnType<typeof accountsService>
