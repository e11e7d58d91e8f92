import { z } from 'zod'

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
})

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
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? 'development-only-secret-not-for-production-use',
    demo,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
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
  }
}
