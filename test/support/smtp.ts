import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type AddressObject } from 'mailparser'

/** A message as it arrived at the test SMTP server, parsed. */
export type ReceivedMail = {
  /** Envelope recipients (RCPT TO), lowercased. */
  envelopeTo: string[]
  envelopeFrom: string
  /** Addresses in the To header. */
  to: string[]
  from: string
  subject: string
  text: string
  html: string
  headers: Map<string, unknown>
  /** The header block as sent ("List-Unsubscribe: <...>" lines; mailparser folds List-* into `headers.list`). */
  rawHeaders: string
}

export type TestSmtpServer = {
  /** smtp://127.0.0.1:PORT, for config.smtpUrl. */
  url: string
  messages: ReceivedMail[]
  /** Messages sent to an address (envelope). */
  to: (address: string) => ReceivedMail[]
  clear: () => void
  stop: () => Promise<void>
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()))

/**
 * A real SMTP server in this process on 127.0.0.1, a free port: no TLS, no authentication. The message is
 * parsed before the server acknowledges DATA, so when `send` resolves the message is already in `messages`.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = []
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: addresses(parsed.to),
            from: addresses(parsed.from)[0] ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headers,
            rawHeaders: parsed.headerLines.map((h) => h.line).join('\n'),
          })
          callback()
        })
        .catch((err: Error) => callback(err))
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.envelopeTo.includes(address.toLowerCase())),
    clear: () => {
      messages.length = 0
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
