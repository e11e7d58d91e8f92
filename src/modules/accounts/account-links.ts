import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../platform/db/client.ts'
import type { AccountsRepository } from './accounts.repository.ts'
import type { AccountTokenPurpose } from './accounts.tables.ts'
import { accountPaths } from './accounts.paths.ts'

/** The SHA-256 of a session or link token: only this is stored. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url')

export const newToken = (): string => randomBytes(32).toString('base64url')

const HOUR = 60 * 60_000
/** How long each kind of link works. */
export const LINK_LIFETIME_MS = {
  /** The first admin's link, printed by the CLI. */
  firstAdmin: 24 * HOUR,
  /** An invitation by email. */
  invitation: 72 * HOUR,
  /** A password reset by email: short, since the mailbox may be shared. */
  reset: HOUR,
} as const

/**
 * A new single-use link for the user; any earlier unused link of theirs stops working. Returns the raw token
 * (never stored) and the full address to send.
 */
export async function issueAccountLink(
  repo: AccountsRepository,
  publicUrl: string,
  userId: string,
  purpose: AccountTokenPurpose,
  lifetimeMs: number,
  tx: Db,
): Promise<{ token: string; url: string; expiresAt: Date }> {
  const token = newToken()
  const now = new Date()
  const expiresAt = new Date(now.getTime() + lifetimeMs)
  await repo.retireTokensOf(userId, now, tx)
  await repo.insertToken({ idHash: hashToken(token), userId, purpose, createdAt: now, expiresAt }, tx)
  // One page serves both purposes: the token says which (its row holds the purpose).
  return { token, url: `${publicUrl.replace(/\/+$/, '')}${accountPaths.setPassword(token)}`, expiresAt }
}
