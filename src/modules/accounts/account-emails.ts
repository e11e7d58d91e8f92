import type { MailMessage } from '../../platform/mail/mailer.ts'

const when = (d: Date) => d.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'long', timeStyle: 'short' })

/** An invitation: the link sets the new user's password. Plain text, so every mail client shows it whole. */
export function invitationEmail(to: string, o: { name: string; invitedBy: string; url: string; expiresAt: Date }): MailMessage {
  return {
    to,
    subject: 'You have been invited to Joined Up',
    text: [
      `Dear ${o.name},`,
      '',
      `${o.invitedBy} has invited you to Joined Up, where your partnership keeps its meetings, papers, minutes and actions.`,
      '',
      'Set your password to start:',
      o.url,
      '',
      `The link works once, until ${when(o.expiresAt)}. If it has expired, ask for a new one.`,
      'If you were not expecting this, you can ignore this email.',
    ].join('\n'),
  }
}

/** A password reset link. Says nothing that would matter to someone else reading the mailbox. */
export function resetEmail(to: string, o: { url: string; expiresAt: Date }): MailMessage {
  return {
    to,
    subject: 'Reset your Joined Up password',
    text: [
      'Someone asked to reset the password of the Joined Up account for this email address.',
      '',
      'Choose a new password:',
      o.url,
      '',
      `The link works once, until ${when(o.expiresAt)}.`,
      'If you did not ask for this, you can ignore this email: your password has not changed.',
    ].join('\n'),
  }
}
