import type { Config } from '../../config.ts'

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
}

export type AppVariables = {
  config: Config
  user: CurrentUser | null
  sessionTokenHash: string | null
  csrfToken: string
  cspNonce: string
  flash: string | null
}

export type AppEnv = { Variables: AppVariables }
