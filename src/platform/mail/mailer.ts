import nodemailer from 'nodemailer'
import type { Config } from '../../config.ts'

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

const KEEP_IN_MEMORY = 50

export function createMailer(config: Config, opts: { log?: (line: string) => void } = {}): Mailer {
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
  const transport = nodemailer.createTransport(url)
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
