import nodemailer from 'nodemailer'

export type MailMessage = {
  to: string
  subject: string
  text: string
  html?: string
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>
}

/**
 * How email leaves the service.
 * - `smtp`: nodemailer over SMTP_URL.
 * - `memory`: no SMTP_URL in development or test: each message is logged and the last ones are kept in `sent`.
 * - `disabled`: no SMTP_URL in production: `send` rejects, and the server does not schedule reminders.
 */
export type MailerKind = 'smtp' | 'memory' | 'disabled'

export type Mailer = {
  send: (message: MailMessage) => Promise<void>
  kind?: MailerKind
  /** The last messages (memory mailer only). */
  sent?: MailMessage[]
  close?: () => void
}

export class MailNotConfiguredError extends Error {}

/** nodemailer's codes for a server that cannot be reached or will not talk (not a refusal of one message). */
const SERVER_UNAVAILABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EAUTH', 'ETLS', 'EPROTOCOL'])

/**
 * True when a send failed because the mail server is down, unreachable or refusing us (so every other send
 * will fail too), rather than refusing one message or recipient (EENVELOPE at RCPT, EMESSAGE).
 */
export function isMailServerUnavailable(err: unknown): boolean {
  if (err instanceof MailNotConfiguredError) return true
  const e = err as { code?: unknown; responseCode?: unknown; command?: unknown; message?: unknown } | null
  if (!e) return false
  if (typeof e.code === 'string' && SERVER_UNAVAILABLE_CODES.has(e.code)) return true
  // 421: service not available, at any stage. A refused connection stage or sender refuses every message.
  if (e.responseCode === 421 || e.command === 'CONN' || e.command === 'MAIL FROM') return true
  // A server that closes the connection without a greeting: nodemailer gives no code.
  return e.code === undefined && typeof e.message === 'string' && /unexpected socket close/i.test(e.message)
}

const KEEP_IN_MEMORY = 50

/** The slice of the configuration the mailer reads (the root `Config` satisfies it). */
export type MailConfig = {
  env: 'development' | 'production' | 'test'
  smtpUrl: string | undefined
  mailFrom: string
  logLevel: string
}

export function createMailer(config: MailConfig, opts: { log?: (line: string) => void } = {}): Mailer {
  if (config.smtpUrl) return createSmtpMailer(config.smtpUrl, config.mailFrom)
  if (config.env === 'production') {
    return {
      kind: 'disabled',
      send: () => Promise.reject(new MailNotConfiguredError('Email is not set up: SMTP_URL is not set')),
    }
  }
  const log = opts.log ?? (config.logLevel === 'silent' ? () => {} : (line: string) => console.log(line))
  return createMemoryMailer(config.mailFrom, log)
}

export function isMailEnabled(mailer: Mailer): boolean {
  return mailer.kind !== 'disabled'
}

function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(withTimeouts(url))
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
      })
    },
    close: () => transport.close(),
  }
}

export function createMemoryMailer(from: string, log: (line: string) => void = () => {}): Mailer {
  const sent: MailMessage[] = []
  return {
    kind: 'memory',
    sent,
    send(message) {
      sent.push(message)
      if (sent.length > KEEP_IN_MEMORY) sent.splice(0, sent.length - KEEP_IN_MEMORY)
      log(
        JSON.stringify({
          level: 'info',
          msg: 'email not sent (SMTP_URL is not set): logged instead',
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
        }),
      )
      return Promise.resolve()
    },
  }
}

/**
 * Bounded SMTP timeouts (10 s to connect and greet, 30 s idle) unless the URL sets its own: reminders send
 * inside a database transaction (ADR 0005), so a mail server that hangs must not hold it for nodemailer's
 * default of minutes.
 */
export function withTimeouts(url: string): string {
  const u = new URL(url)
  for (const [name, ms] of [['connectionTimeout', 10_000], ['greetingTimeout', 10_000], ['socketTimeout', 30_000]] as const) {
    if (!u.searchParams.has(name)) u.searchParams.set(name, String(ms))
  }
  return u.toString()
}
