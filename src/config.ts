import { z } from 'zod'
import { accountPaths } from './modules/accounts/accounts.paths.ts'

const SSO_CALLBACK_PATH = accountPaths.ssoCallback()

/**
 * Configuration comes from the environment only. Development gets safe defaults; production
 * (NODE_ENV=production) must be told its secrets and refuses the demo accounts.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  DEMO: z.enum(['true', 'false']).optional(),
  PUBLIC_URL: z.string().url().optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(200).default(20),
  VACUUM_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(360),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://, like smtp://localhost:1025')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Joined Up <no-reply@joinedup.invalid>'),
  REMINDERS_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  RENDER_CACHE: z.enum(['on', 'off']).default('on'),
  RENDER_CACHE_MB: z.coerce.number().positive().max(4096).default(64),
  TRUST_PROXY: z.coerce.number().int('TRUST_PROXY must be a whole number of proxies, like 1').min(0).max(10).default(0),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int('SESSION_IDLE_MINUTES must be a whole number of minutes, like 480')
    .min(5, 'SESSION_IDLE_MINUTES must be at least 5')
    .max(43_200, 'SESSION_IDLE_MINUTES must be at most 43200 (30 days)')
    .default(480),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int('SESSION_ABSOLUTE_HOURS must be a whole number of hours, like 24')
    .min(1, 'SESSION_ABSOLUTE_HOURS must be at least 1')
    .max(2_160, 'SESSION_ABSOLUTE_HOURS must be at most 2160 (90 days)')
    .default(24),
  OIDC_ISSUER: z.string().url('OIDC_ISSUER must be the provider\'s issuer URL, like https://login.microsoftonline.com/<tenant-id>/v2.0').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_DISPLAY_NAME: z.string().min(1).max(60, 'OIDC_DISPLAY_NAME must be 60 characters or fewer, like Microsoft').optional(),
})

/** Single sign-on with an OpenID Connect provider (Microsoft Entra ID or any other), when configured. */
export type SsoConfig = {
  /** The issuer identifier; its /.well-known/openid-configuration is read on first use. */
  issuer: string
  clientId: string
  clientSecret: string
  /** Who the button names: "Sign in with {displayName}". */
  displayName: string
  /** PUBLIC_URL + the callback path: register exactly this with the provider. */
  redirectUri: string
}


export type Config = {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  sessionSecret: string
  /** Demo mode seeds the Chorley demo and its sign-in accounts on an empty database. */
  demo: boolean
  publicUrl: string
  maxUploadBytes: number
  vacuumIntervalMinutes: number
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
  secureCookies: boolean
  /** smtp://user:pass@host:port (smtps:// for TLS). Unset: mail is logged (development, test) or off (production). */
  smtpUrl: string | undefined
  mailFrom: string
  /** London hour (0-23) from which the daily reminder digests and the Monday summaries are sent. */
  remindersHour: number
  /** Serve anonymous public pages from the in-process render cache (src/platform/cache/render-cache.ts). */
  renderCache: boolean
  renderCacheBytes: number
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For (0: none, trust only the socket).
   * Throttles key on the client address this gives (src/platform/http/client-address.ts).
   */
  trustProxy: number
  /** A session ends after this long without a request (SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number
  /** A session ends this long after it began, however active (SESSION_ABSOLUTE_HOURS); rotation does not extend it. */
  sessionAbsoluteHours: number
  /** Single sign-on (OIDC_*); undefined when not configured. */
  sso: SsoConfig | undefined
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const production = e.NODE_ENV === 'production'
  const demo = e.DEMO ? e.DEMO === 'true' : !production
  if (production && demo) {
    throw new ConfigError(
      'Refusing to start: demo mode (with its published demo sign-in accounts) is not allowed when NODE_ENV=production. Unset DEMO.',
    )
  }
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET is required when NODE_ENV=production (at least 32 random characters).')
  }
  if (e.SESSION_IDLE_MINUTES > e.SESSION_ABSOLUTE_HOURS * 60) {
    throw new ConfigError(
      `SESSION_IDLE_MINUTES (${e.SESSION_IDLE_MINUTES}) is longer than SESSION_ABSOLUTE_HOURS (${e.SESSION_ABSOLUTE_HOURS} hours): a session could never be idle that long. Lower it or raise SESSION_ABSOLUTE_HOURS.`,
    )
  }
  const publicUrl = e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? 'development-only-secret-not-for-production-use',
    demo,
    publicUrl,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    vacuumIntervalMinutes: e.VACUUM_INTERVAL_MINUTES,
    renderCache: e.RENDER_CACHE === 'on',
    renderCacheBytes: Math.round(e.RENDER_CACHE_MB * 1024 * 1024),
    logLevel: e.LOG_LEVEL,
    secureCookies: production,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    remindersHour: e.REMINDERS_HOUR,
    trustProxy: e.TRUST_PROXY,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    sso: ssoConfig(e, production, publicUrl),
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * OIDC_* checked together, each problem in words an operator can act on: all of issuer, client id and secret or
 * none; HTTPS (plain HTTP only to a provider on this machine, outside production); a tenant's own Entra issuer,
 * since "common" and "organizations" let any Microsoft tenant in; PUBLIC_URL set in production, because the
 * redirect URI registered with the provider is built from it.
 */
function ssoConfig(e: z.infer<typeof EnvSchema>, production: boolean, publicUrl: string): SsoConfig | undefined {
  const given = { OIDC_ISSUER: e.OIDC_ISSUER, OIDC_CLIENT_ID: e.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: e.OIDC_CLIENT_SECRET }
  const missing = Object.entries(given).filter(([, v]) => !v).map(([k]) => k)
  if (missing.length === 3) {
    if (e.OIDC_DISPLAY_NAME) throw new ConfigError('OIDC_DISPLAY_NAME is set but single sign-on is not: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too, or unset it.')
    return undefined
  }
  if (missing.length > 0) {
    throw new ConfigError(`Single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`)
  }
  const issuer = new URL(e.OIDC_ISSUER!)
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname) && !production)) {
    throw new ConfigError('OIDC_ISSUER must use https:// (plain http:// is accepted only for a provider on this machine, outside production).')
  }
  if (/(^|\.)microsoftonline\.com$/.test(issuer.hostname) && /^\/(common|organizations|consumers)(\/|$)/.test(issuer.pathname)) {
    throw new ConfigError(
      'OIDC_ISSUER must name your own Microsoft Entra tenant, like https://login.microsoftonline.com/<tenant-id>/v2.0: "common", "organizations" and "consumers" would let any Microsoft account in.',
    )
  }
  if (production && !e.PUBLIC_URL) {
    throw new ConfigError(`PUBLIC_URL is required for single sign-on in production: the redirect URI registered with the provider is PUBLIC_URL + ${SSO_CALLBACK_PATH}.`)
  }
  return {
    issuer: e.OIDC_ISSUER!,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    displayName: e.OIDC_DISPLAY_NAME ?? 'your organisation account',
    redirectUri: `${publicUrl.replace(/\/+$/, '')}${SSO_CALLBACK_PATH}`,
  }
}
