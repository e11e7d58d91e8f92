import type { OwnedActionRow } from './reminders.repository.ts'

/** One action's part of an owner's form: an update (null if none) and whether they marked it completed. */
export type OwnerUpdateInput = { actionId: string; text: string | null; completed: boolean }

/** What an owner's one submit recorded, action by action, for the confirmation page. */
export type OwnerRecorded = { description: string; text: string | null; completed: boolean }

/** What an owner's link shows: their actions, or that it can no longer be used. */
export type OwnerLinkView =
  | { state: 'valid'; personId: string; fullName: string; expiresAt: Date; today: string; actions: OwnedActionRow[] }
  | { state: 'expired' }

export type OwnerUpdateResult = { state: 'updated'; recorded: OwnerRecorded[] } | { state: 'expired' }

/** What a run of a scheduled email job did. */
export type RunReport = { sent: number; skipped: number; failed: number }
