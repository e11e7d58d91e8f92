import { formatDate } from '../../shared/dates.ts'
import { STATUS_LABELS } from './action-status.ts'
import type { ActionStatus } from './actions.tables.ts'
import { followUpView, type FollowUpView } from './follow-up.ts'
import type { PublishedAction } from './published-actions.ts'

/** How an action is named and tagged on every page, staff and public. Pure. */

export const STATUS_TAG_CLASSES: Record<ActionStatus, string> = {
  open: 'govuk-tag--blue',
  in_progress: 'govuk-tag--light-blue',
  completed: 'govuk-tag--green',
  cleared: 'govuk-tag--grey',
  dropped: 'govuk-tag--orange',
}

export const statusTag = (status: ActionStatus) => ({ text: STATUS_LABELS[status], classes: STATUS_TAG_CLASSES[status] })

type OwnerName = { personHonorific: string | null; personFullName: string | null; organisationName: string | null; groupName: string | null }

export function ownerName(o: OwnerName): string {
  if (o.personFullName) return o.personHonorific ? `${o.personHonorific} ${o.personFullName}` : o.personFullName
  return o.organisationName ?? o.groupName ?? ''
}
export const ownersText = (owners: OwnerName[]): string => owners.map(ownerName).join(', ')

export type PublicActionRow = {
  id: string
  /** Markdown */
  description: string
  owners: string
  dueOn: string
  raisedOn: string
  clearedOn: string
  status: { text: string; classes: string }
  /** "Overdue", or "Not followed up" with since when (follow-up.ts); no tag for an action not due. */
  followUp: FollowUpView
}

/** One public action as the public action sheet and the public meeting page print it. */
export function publicActionRow(a: PublishedAction, today: string): PublicActionRow {
  return {
    id: a.id,
    description: a.description,
    owners: ownersText(a.owners),
    dueOn: a.dueOn ? formatDate(a.dueOn) : '',
    raisedOn: formatDate(a.raisedOn),
    clearedOn: a.clearedOn ? formatDate(a.clearedOn) : '',
    status: statusTag(a.status),
    followUp: followUpView(a.followUp, today),
  }
}
