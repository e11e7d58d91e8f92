import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCanManagePartnership } from '../../platform/http/auth.ts'
import { AppError, notFound } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { ApiRepository, ApiTokenRow } from './api.repository.ts'

export type { ApiTokenRow }

/** The secret's first characters, kept to tell tokens apart in the list ("ju_" and 8 more). */
export const PREFIX_LENGTH = 11

export const hashToken = (secret: string): string => createHash('sha256').update(secret).digest('hex')

/** What a request with a valid bearer token acts as. */
export type TokenActor = { user: CurrentUser; token: ApiTokenRow }

export const UNAUTHENTICATED_MESSAGE = 'Send a valid, unrevoked API token as "Authorization: Bearer <token>"'

/**
 * API tokens: created and revoked by a partnership's secretariat; only a sha256 of the secret is stored and
 * the secret is shown once. A token acts as a CurrentUser that manages its own partnership and nothing else,
 * attributed (for audit and authorship) to the user who created it.
 */
export function tokensService(db: Db, repo: ApiRepository, deps: { structure: StructureService; now?: () => Date }) {
  const now = () => (deps.now ? deps.now() : new Date())

  async function managedPartnership(user: CurrentUser, partnershipId: string) {
    const partnership = await deps.structure.getPartnership(partnershipId)
    assertCanManagePartnership(user, partnership.id)
    return partnership
  }

  async function getManagedToken(user: CurrentUser, partnershipId: string, tokenId: string) {
    const partnership = await managedPartnership(user, partnershipId)
    const token = await repo.findTokenById(tokenId)
    if (!token || token.partnershipId !== partnership.id) throw notFound('API token')
    return { partnership, token }
  }

  return {
    async listTokens(user: CurrentUser, partnershipId: string) {
      const partnership = await managedPartnership(user, partnershipId)
      return { partnership, tokens: await repo.findTokensOfPartnership(partnership.id) }
    },

    async newTokenForm(user: CurrentUser, partnershipId: string) {
      return managedPartnership(user, partnershipId)
    },

    /** Create a token; the secret is returned once and never stored. */
    async createToken(user: CurrentUser, partnershipId: string, name: string): Promise<{ token: ApiTokenRow; secret: string }> {
      await managedPartnership(user, partnershipId)
      const secret = `ju_${randomBytes(32).toString('base64url')}`
      return db.transaction(async (tx) => {
        const token = await repo.insertToken(
          { partnershipId, name, tokenHash: hashToken(secret), tokenPrefix: secret.slice(0, PREFIX_LENGTH), createdByUserId: user.id },
          tx,
        )
        await recordAudit(tx, { userId: user.id }, {
          partnershipId,
          event: 'api_token.created',
          subjectType: 'api_token',
          subjectId: token.id,
          data: { partnershipId, name, prefix: token.tokenPrefix },
        })
        return { token, secret }
      })
    },

    getManagedToken,

    /** Revoke a token (once; revoking again changes nothing). */
    async revokeToken(user: CurrentUser, partnershipId: string, tokenId: string): Promise<ApiTokenRow> {
      const { token } = await getManagedToken(user, partnershipId, tokenId)
      if (token.revokedAt) return token
      return db.transaction(async (tx) => {
        const row = await repo.revokeToken(token.id, user.id, now(), tx)
        if (!row) return token
        await recordAudit(tx, { userId: user.id }, {
          partnershipId,
          event: 'api_token.revoked',
          subjectType: 'api_token',
          subjectId: token.id,
          data: { partnershipId, name: token.name, prefix: token.tokenPrefix },
        })
        return row
      })
    },

    /** The actor for an Authorization header, or 401: missing, malformed, unknown or revoked tokens. */
    async authenticate(header: string | undefined): Promise<TokenActor> {
      const m = /^Bearer\s+(ju_[A-Za-z0-9_-]{20,100})\s*$/i.exec(header ?? '')
      if (!m) throw new AppError('UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE)
      const token = await repo.findTokenByHash(hashToken(m[1]!))
      if (!token || token.revokedAt || !token.createdByUserId) throw new AppError('UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE)
      // The creator disabled, or no longer the partnership's secretariat: the token stops with them.
      if (!(await repo.creatorStillManages(token.createdByUserId, token.partnershipId))) {
        throw new AppError('UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE)
      }
      await repo.touchToken(token.id, now())
      const user: CurrentUser = {
        id: token.createdByUserId,
        email: '',
        displayName: `API token "${token.name}"`,
        isAdmin: false,
        secretariatOf: [token.partnershipId],
        memberOf: [],
      }
      return { user, token }
    },
  }
}
export type TokensService = ReturnType<typeof tokensService>
