import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts'
import { loadConfig, type Config } from '../../config.ts'

const testConfig = (overrides: Partial<Config> = {}): Config => ({
  ...loadConfig({ NODE_ENV: 'test', DEMO: 'false', LOG_LEVEL: 'silent' }),
  ...overrides,
})
import { createMailer, isMailEnabled, isMailServerUnavailable, MailNotConfiguredError } from './mailer.ts'

let smtp: TestSmtpServer
beforeAll(async () => {
  smtp = await startTestSmtpServer()
})
afterAll(async () => {
  await smtp.stop()
})

describe('mailer', () => {
  it('sends over SMTP to SMTP_URL, from MAIL_FROM, with text, HTML and headers', async () => {
    const mailer = createMailer(testConfig({ smtpUrl: smtp.url, mailFrom: 'Joined Up <no-reply@joinedup.test>' }))
    expect(mailer.kind).toBe('smtp')
    await mailer.send({
      to: 'Hayley.Hughes@example.org',
      subject: 'Your actions – due soon',
      text: 'Circulate Away Day outcomes\nhttp://localhost/x',
      html: '<p>Circulate Away Day outcomes</p>',
      headers: { 'List-Unsubscribe': '<http://localhost/unsubscribe>' },
    })
    mailer.close?.()
    const [mail] = smtp.to('hayley.hughes@example.org')
    expect(mail).toMatchObject({ subject: 'Your actions – due soon', from: 'no-reply@joinedup.test', to: ['hayley.hughes@example.org'] })
    expect(mail!.text).toContain('Circulate Away Day outcomes')
    expect(mail!.html).toContain('<p>Circulate Away Day outcomes</p>')
    expect(mail!.rawHeaders).toContain('List-Unsubscribe: <http://localhost/unsubscribe>')
  })

  it('rejects when the SMTP server cannot be reached', async () => {
    const mailer = createMailer(testConfig({ smtpUrl: 'smtp://127.0.0.1:1' }))
    await expect(mailer.send({ to: 'a@example.org', subject: 's', text: 't' })).rejects.toThrow()
  })

  it('without SMTP_URL in development or test, logs the message and keeps it in memory', async () => {
    const lines: string[] = []
    const mailer = createMailer(testConfig(), { log: (l) => lines.push(l) })
    expect(mailer.kind).toBe('memory')
    expect(isMailEnabled(mailer)).toBe(true)
    await mailer.send({ to: 'a@example.org', subject: 'Hello', text: 'Body' })
    expect(mailer.sent).toEqual([{ to: 'a@example.org', subject: 'Hello', text: 'Body' }])
    expect(lines[0]).toContain('SMTP_URL is not set')
    expect(lines[0]).toContain('Hello')
  })

  it('without SMTP_URL in production, is disabled: sending rejects', async () => {
    const mailer = createMailer(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }))
    expect(isMailEnabled(mailer)).toBe(false)
    await expect(mailer.send({ to: 'a@example.org', subject: 's', text: 't' })).rejects.toBeInstanceOf(MailNotConfiguredError)
  })

  it('reads SMTP_URL, MAIL_FROM and REMINDERS_HOUR, and refuses a bad SMTP_URL', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: 'Joined Up <no-reply@joinedup.invalid>', remindersHour: 7 })
    expect(loadConfig({ SMTP_URL: 'smtp://localhost:1025', MAIL_FROM: 'A <a@b.c>', REMINDERS_HOUR: '9' })).toMatchObject({
      smtpUrl: 'smtp://localhost:1025',
      mailFrom: 'A <a@b.c>',
      remindersHour: 9,
    })
    expect(() => loadConfig({ SMTP_URL: 'localhost:25' })).toThrow(/SMTP_URL/)
    expect(() => loadConfig({ REMINDERS_HOUR: '24' })).toThrow(/REMINDERS_HOUR/)
  })
})

describe('SMTP timeouts', () => {
  it('bounds connection, greeting and idle time unless the URL says otherwise', async () => {
    const { withTimeouts } = await import('./mailer.ts')
    const u = new URL(withTimeouts('smtp://user:pass@mail.example:587'))
    expect(u.searchParams.get('connectionTimeout')).toBe('10000')
    expect(u.searchParams.get('socketTimeout')).toBe('30000')
    expect(new URL(withTimeouts('smtp://mail.example/?socketTimeout=5000')).searchParams.get('socketTimeout')).toBe('5000')
  })
})

describe('isMailServerUnavailable', () => {
  it('tells a server that is down from a refused message', () => {
    const err = (code: string, responseCode?: number) => Object.assign(new Error(code), { code, ...(responseCode ? { responseCode } : {}) })
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EAUTH', 'ETLS', 'EPROTOCOL']) expect(isMailServerUnavailable(err(code)), code).toBe(true)
    expect(isMailServerUnavailable(err('EENVELOPE', 421))).toBe(true)
    expect(isMailServerUnavailable(Object.assign(err('EENVELOPE', 530), { command: 'MAIL FROM' }))).toBe(true)
    expect(isMailServerUnavailable(new Error('Unexpected socket close'))).toBe(true)
    expect(isMailServerUnavailable(new MailNotConfiguredError('off'))).toBe(true)
    expect(isMailServerUnavailable(Object.assign(err('EENVELOPE', 550), { command: 'RCPT TO' }))).toBe(false)
    expect(isMailServerUnavailable(err('EMESSAGE', 552))).toBe(false)
    expect(isMailServerUnavailable(new Error('anything else'))).toBe(false)
    expect(isMailServerUnavailable(null)).toBe(false)
  })

  /** What sending through the SMTP server on a local port throws (null if it sent). */
  async function sendErrorVia(port: number): Promise<unknown> {
    const mailer = createMailer(testConfig({ smtpUrl: `smtp://127.0.0.1:${port}` }))
    try {
      await mailer.send({ to: 'a@example.net', subject: 's', text: 't' })
      return null
    } catch (e) {
      return e
    } finally {
      mailer.close?.()
    }
  }

  it('recognises what nodemailer throws when nothing listens on the mail port', async () => {
    // A port that was free a moment ago: connecting to it is refused.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port
        probe.close(() => resolve(p))
      })
    })
    const err = await sendErrorVia(port)
    expect(err).not.toBeNull()
    expect(isMailServerUnavailable(err)).toBe(true)
  })

  it('recognises a server that accepts the connection and closes it without a greeting', async () => {
    const server = net.createServer((socket) => socket.destroy())
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)))
    try {
      const err = await sendErrorVia(port)
      expect(err).not.toBeNull()
      expect(isMailServerUnavailable(err)).toBe(true)
    } finally {
      await new Promise((r) => server.close(r))
    }
  })
})
