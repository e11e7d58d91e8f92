import { sql, type SQL } from 'drizzle-orm'
import { agendaItems, meetings } from '../meetings/meetings.read.ts'
import { actions } from './actions.tables.ts'
/**
 * The declared read surface of this module (ADR 0002): the rows other modules may read and join, for read models
 * (search, API, open data, feeds, packs) and for reading what they link to. Reading only: a module writes only
 * its own tables (eslint local/no-foreign-writes); to change these records, call this module's service.
 */
export { actions, actionOwners, actionLinks, actionUpdates } from './actions.tables.ts'
export type { ActionStatus } from './actions.tables.ts'
export { ACTION_STATUSES } from './actions.tables.ts'

/**
 * The one rule for an action the public may see, as a condition on a query over `actions` (not aliased):
 * marked public, and its source published. The source is the item it was raised under, or, for an action
 * raised at a meeting without an item, that meeting. The item must not be exempt nor under an exempt item;
 * the meeting must have a published agenda and draft or approved minutes: an action becomes public with the
 * minutes that record it, never before. No item and no meeting: never public.
 */
export function publishedActionSql(): SQL {
  // Item first, then its meeting by primary key: starting from meetings made the planner scan every
  // meeting for each action (seconds per search on a large record).
  return sql`(${actions.isPublic} and exists (
    select 1 from (select ${actions.itemId} as item_id) src
    left join ${agendaItems} src_i on src_i.id = src.item_id
    left join ${agendaItems} src_p on src_p.id = src_i.parent_item_id
    join ${meetings} src_m on src_m.id = coalesce(src_i.meeting_id, ${actions.meetingId})
    where src_m.agenda_published_at is not null
      and src_m.status in ('minutes_draft', 'minutes_approved')
      and coalesce(src_i.is_exempt, false) = false
      and coalesce(src_p.is_exempt, false) = false
  ))`
}

/**
 * An action free of exempt content, as a condition on a query over `actions`: it was not raised under an exempt
 * item, nor under a sub-item of one. What a read-only officer of the partnership may see of its action log (issue 10).
 */
export function actionOpenSql(): SQL {
  return sql`(${actions.itemId} is null or not exists (
    select 1 from ${agendaItems} ex_i
    left join ${agendaItems} ex_p on ex_p.id = ex_i.parent_item_id
    where ex_i.id = ${actions.itemId} and (ex_i.is_exempt or coalesce(ex_p.is_exempt, false))
  ))`
}
