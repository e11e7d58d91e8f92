import { forbidden } from '../../platform/http/errors.ts'
import { isStaff } from '../../platform/http/auth.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { itemNumbers } from '../../shared/item-numbers.ts'
import type { BodyOption, DecisionActionRow, DecisionFilter, DecisionRegisterRow, DecisionsRepository } from './decisions.repository.ts'

export type { BodyOption }

export const DECISIONS_PER_PAGE = 25

export type DecisionQuery = Omit<DecisionFilter, 'scope' | 'publicOnly'> & { page: number }

export type RegisterEntry = DecisionRegisterRow & { itemNumber: string; actions: DecisionActionRow[] }

export type DecisionRegister = {
  rows: RegisterEntry[]
  total: number
  page: number
  pageCount: number
  bodies: BodyOption[]
}

/** The decisions register: every decision across bodies, with its meeting, item and linked actions. */
export function decisionsService(repo: DecisionsRepository) {
  async function register(filter: DecisionFilter, page: number): Promise<DecisionRegister> {
    const current = Math.max(1, page)
    const [{ rows, total }, bodies] = await Promise.all([
      repo.searchDecisions(filter, { limit: DECISIONS_PER_PAGE, offset: (current - 1) * DECISIONS_PER_PAGE }),
      repo.findBodyOptions(filter.scope),
    ])
    const meetingIds = [...new Set(rows.map((r) => r.meetingId))]
    const [numbering, actions] = await Promise.all([
      repo.findNumbering(meetingIds),
      repo.findActionsOfDecisions(
        rows.map((r) => r.id),
        filter.publicOnly,
      ),
    ])
    const numbers = itemNumbers(numbering.meetings, numbering.items)
    return {
      rows: rows.map((r) => ({
        ...r,
        itemNumber: numbers.get(r.itemId) ?? '',
        actions: actions.filter((a) => a.decisionId === r.id),
      })),
      total,
      page: current,
      pageCount: Math.max(1, Math.ceil(total / DECISIONS_PER_PAGE)),
      bodies,
    }
  }

  return {
    /**
     * The public register: decisions of items that are not exempt (nor under an exempt item) in meetings
     * whose minutes are draft or approved; only public actions.
     */
    async findPublishedDecisions(query: DecisionQuery): Promise<DecisionRegister> {
      const { page, ...rest } = query
      return register({ ...rest, scope: null, publicOnly: true }, page)
    },

    /** Staff: every decision of the partnerships the user manages (all for an admin). */
    async findDecisionsForStaff(user: CurrentUser, query: DecisionQuery): Promise<DecisionRegister> {
      if (!isStaff(user)) throw forbidden('Only the secretariat can see the full decisions register')
      const { page, ...rest } = query
      return register({ ...rest, scope: user.isAdmin ? null : user.secretariatOf, publicOnly: false }, page)
    },
  }
}
export type DecisionsService = ReturnType<typeof decisionsService>
