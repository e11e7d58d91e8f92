import { randomBytes } from 'node:crypto'
import type { Db } from '../../src/platform/db/client.ts'
import { apiTokens } from '../../src/modules/api/api.tables.ts'
import { hashToken, PREFIX_LENGTH } from '../../src/modules/api/tokens.service.ts'
import { buildPartnership, buildUser } from './builders.ts'

/** An API token row and its secret (as the create page would show it once). */
export async function buildApiToken(
  db: Db,
  opts: { partnershipId?: string; createdByUserId?: string; name?: string; revoked?: boolean } = {},
) {
  const partnershipId = opts.partnershipId ?? (await buildPartnership(db)).id
  const createdByUserId = opts.createdByUserId ?? (await buildUser(db, { secretariatOf: [partnershipId] })).id
  const secret = `ju_${randomBytes(32).toString('base64url')}`
  const [token] = await db
    .insert(apiTokens)
    .values({
      partnershipId,
      name: opts.name ?? 'Test token',
      tokenHash: hashToken(secret),
      tokenPrefix: secret.slice(0, PREFIX_LENGTH),
      createdByUserId,
      revokedAt: opts.revoked ? new Date() : null,
    })
    .returning()
  return { token: token!, secret }
}
