/**
 * `npm run cli -- users <create-admin|list|disable|enable|reset-two-factor> ...`: accounts from the server's command line, for the
 * operator (no signed-in actor; every change is audited as the system "cli"). The root src/cli.ts opens the
 * database and hands over the accounts service.
 *
 * - `users create-admin --email <address> --name <name>` creates an admin with no password and prints a
 *   single-use link, valid for 24 hours, to set it. Nothing secret passes on the command line or in the shell's
 *   history; only the link's SHA-256 is stored.
 * - `users list [--json]`: every account, its admin flag, status and last sign-in.
 * - `users disable --email <address>` ends every session of the account at once; `users enable` undoes it.
 * - `users reset-two-factor --email <address>` turns off two-factor authentication for someone who lost both their
 *   phone and their recovery codes (or for every account, after SESSION_SECRET changed), when no admin can.
 */
import { parseArgs } from 'node:util'
import { AppError } from '../../platform/http/errors.ts'
import { formatDateTime } from '../../shared/dates.ts'
import type { AccountsService } from './accounts.service.ts'

type Out = { stdout: (s: string) => void }

export const USERS_USAGE = `Usage: npm run cli -- users <command>

  users create-admin --email <address> --name <name>
                     create an admin and print a single-use link (24 hours) to set the password
  users list [--json]
                     every account: email, name, admin, status, last sign-in
  users disable --email <address>
                     disable an account and end all its sessions at once
  users enable --email <address>
                     re-enable a disabled account
  users reset-two-factor --email <address>
                     turn off the account's two-factor authentication (lost phone and recovery codes)`

export class UsersUsageError extends Error {}

const emailOf = (v: string | undefined, command: string): string => {
  if (!v || !/^[^\s@]+@[^\s@]+$/.test(v.trim())) throw new UsersUsageError(`users ${command} needs --email <address>\n\n${USERS_USAGE}`)
  return v.trim()
}

export async function runUsersCli(args: string[], out: Out, accounts: AccountsService): Promise<number> {
  const [command, ...rest] = args
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean', default: false } }, allowPositionals: false })
  switch (command) {
    case 'create-admin': {
      const email = emailOf(values.email, command)
      const name = values.name?.trim()
      if (!name) throw new UsersUsageError(`users create-admin needs --name <name>\n\n${USERS_USAGE}`)
      try {
        const link = await accounts.createAdmin({ email, displayName: name })
        out.stdout(
          `Created the admin account ${email} (${name}).\n` +
            `Open this link to set its password. It works once, until ${formatDateTime(link.expiresAt)}:\n\n  ${link.url}\n\n` +
            `If it expires, run "npm run cli -- users create-admin" again with another address, or ask another admin to send an invitation.\n`,
        )
      } catch (err) {
        if (err instanceof AppError && err.fieldErrors?.email) throw new UsersUsageError(err.fieldErrors.email)
        throw err
      }
      return 0
    }
    case 'list': {
      const users = await accounts.listAllUsers()
      const rows = users.map((u) => ({
        email: u.email,
        name: u.displayName,
        admin: u.isAdmin,
        status: u.disabled ? 'disabled' : u.passwordHash ? 'active' : 'invited',
        lastSignedInAt: u.lastSignedInAt?.toISOString() ?? null,
      }))
      if (values.json) out.stdout(`${JSON.stringify(rows, null, 2)}\n`)
      else if (rows.length === 0) out.stdout('No accounts yet. Create the first admin with: npm run cli -- users create-admin --email <address> --name <name>\n')
      else {
        for (const u of users) {
          const last = u.lastSignedInAt ? formatDateTime(u.lastSignedInAt) : 'never signed in'
          out.stdout(`${u.email}\t${u.displayName}\t${u.isAdmin ? 'admin' : '-'}\t${u.disabled ? 'disabled' : u.passwordHash ? 'active' : 'invited'}\t${last}\n`)
        }
      }
      return 0
    }
    case 'disable':
    case 'enable': {
      const email = emailOf(values.email, command)
      if (!(await accounts.setDisabledByEmail(email, command === 'disable'))) throw new UsersUsageError(`No account for ${email}`)
      out.stdout(command === 'disable' ? `Disabled ${email}: every session has ended.\n` : `Re-enabled ${email}.\n`)
      return 0
    }
    case 'reset-two-factor': {
      const email = emailOf(values.email, command)
      if (!(await accounts.resetTwoFactorByEmail(email))) throw new UsersUsageError(`No account with two-factor authentication for ${email}`)
      out.stdout(`Two-factor authentication is off for ${email}: they sign in with their password and can set it up again.\n`)
      return 0
    }
    default:
      throw new UsersUsageError(command ? `Unknown users command "${command}".\n\n${USERS_USAGE}` : USERS_USAGE)
  }
}
