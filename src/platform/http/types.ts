
/** The signed-in person, as the platform sees them. Policies decide what they may do. */
export type CurrentUser = {
  id: string
  email: string
  displayName: string
  isAdmin: boolean
  /** Partnerships whose secretariat this user is. */
  secretariatOf: string[]
  /** Bodies where this user holds a current seat (through their person record). */
  memberOf: string[]
  /** The user's person record, when linked: their seats and the actions they own (the members' home). */
  personId?: string | null
  /** Partnerships where this user is a read-only officer: sees private, never exempt, content. */
  readOnlyOf?: string[]
  /** Organisations this user supplies data for, per partnership (indicators). */
  dataProviderFor?: { partnershipId: string; organisationId: string }[]
}

/**
 * The slice of the configuration the HTTP platform reads (the root `Config` satisfies it). The platform never
 * imports the root config: the composition root hands it what it needs (ADR 0002).
 */
export type HttpConfig = {
  /** Signs CSRF tokens. */
  sessionSecret: string
  /** Secure cookies and HSTS (production). */
  secureCookies: boolean
  /** Reverse proxies that append to X-Forwarded-For (client-address.ts). */
  trustProxy: number
}

export type AppVariables = {
  config: HttpConfig
  user: CurrentUser | null
  sessionTokenHash: string | null
  csrfToken: string
  cspNonce: string
  flash: string | null
}

export type AppEnv = { Variables: AppVariables }
