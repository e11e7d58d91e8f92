import { z } from 'zod'
import {
  choice,
  optionalChoice,
  optionalDate,
  optionalText,
  optionalUuid,
  requiredText,
  requiredUuid,
  versionField,
} from '../../platform/http/schemas.ts'
import { ACTION_STATUSES } from './actions.tables.ts'

export const MAX_DESCRIPTION = 10_000
export const MAX_UPDATE = 10_000
export const MAX_GROUP_NAME = 100
export const MAX_OWNERS = 20

export { idParam } from '../../platform/http/params.ts'

/** A repeated form field (several selects of the same name): blanks dropped, duplicates removed. */
const list = (v: unknown): string[] => {
  const all = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]
  return [...new Set(all.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter((x) => x !== ''))]
}

/** Groups typed as free text: "PMO, Executive" or one a line. */
const groupList = (v: unknown): string[] => [...new Set(list(v).flatMap((s) => s.split(/[,\n;]/)).map((s) => s.trim()).filter((s) => s !== ''))]

const OwnerFields = {
  personIds: z.preprocess(list, z.array(z.uuid({ error: 'Select a person from the list' })).max(MAX_OWNERS, `Choose ${MAX_OWNERS} people or fewer`)),
  organisationIds: z.preprocess(
    list,
    z.array(z.uuid({ error: 'Select an organisation from the list' })).max(MAX_OWNERS, `Choose ${MAX_OWNERS} organisations or fewer`),
  ),
  groups: z.preprocess(
    groupList,
    z
      .array(z.string().max(MAX_GROUP_NAME, `Each group name must be ${MAX_GROUP_NAME} characters or fewer`))
      .max(MAX_OWNERS, `Enter ${MAX_OWNERS} groups or fewer`),
  ),
}

const ActionFields = z.object({
  description: requiredText('what is to be done', MAX_DESCRIPTION),
  ...OwnerFields,
  dueOn: optionalDate('due date'),
  isPublic: optionalChoice(['yes', 'no'] as const, 'Select yes if the action can be published'),
  decisionId: optionalUuid('Select a decision from the list'),
})

const atLeastOneOwner = (v: { personIds: string[]; organisationIds: string[]; groups: string[] }) =>
  v.personIds.length + v.organisationIds.length + v.groups.length > 0
const OWNER_MESSAGE = 'Choose at least one owner: a person, an organisation or a named group'

export const ActionSchema = ActionFields.refine(atLeastOneOwner, { message: OWNER_MESSAGE, path: ['personIds'] })
export type ActionInput = z.infer<typeof ActionSchema>

export const EditActionSchema = ActionFields.extend({ version: versionField }).refine(atLeastOneOwner, {
  message: OWNER_MESSAGE,
  path: ['personIds'],
})
export type EditActionInput = z.infer<typeof EditActionSchema>

const StatusFields = {
  clearedAtMeetingId: optionalUuid('Select the meeting that agreed to clear the action'),
  droppedReason: optionalText('reason', 2000),
}

export const UpdateSchema = z.object({
  text: requiredText('the update', MAX_UPDATE),
  reportedAtMeetingId: optionalUuid('Select a meeting from the list'),
  statusTo: optionalChoice(ACTION_STATUSES, 'Select a status from the list'),
  /** The action's version when the form was opened: checked when the update changes the status. */
  version: z.preprocess((v) => (v === '' ? undefined : v), versionField.optional()),
  ...StatusFields,
})
export type UpdateInput = z.infer<typeof UpdateSchema>

export const StatusSchema = z.object({
  statusTo: choice(ACTION_STATUSES, 'Select the new status'),
  note: optionalText('note', MAX_UPDATE),
  version: z.preprocess((v) => (v === '' ? undefined : v), versionField.optional()),
  ...StatusFields,
})
export type StatusInput = z.infer<typeof StatusSchema>

export const LinkSchema = z.object({
  linkedActionId: requiredUuid('Select an action to link'),
})

/** "Remove link" beside a linked action (a hidden field). */
export const UnlinkSchema = z.object({
  linkedActionId: requiredUuid('Select a linked action'),
})

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const lenientUuid = z.preprocess(blank, z.uuid().optional().catch(undefined))

/** The tracker's query string: anything malformed is ignored rather than refused. */
export const TrackerQuerySchema = z.object({
  partnershipId: lenientUuid,
  bodyId: lenientUuid,
  personId: lenientUuid,
  organisationId: lenientUuid,
  status: z.preprocess(
    (v) => list(v).filter((s) => (ACTION_STATUSES as readonly string[]).includes(s)),
    z.array(z.enum(ACTION_STATUSES)),
  ).catch([]),
  overdue: z.preprocess((v) => v === 'yes' || v === 'true' || v === 'on', z.boolean()).catch(false),
  dueWithin: z.preprocess(blank, z.coerce.number().int().min(0).max(3650).optional()).catch(undefined),
  q: z.preprocess(blank, z.string().trim().max(200).optional()).catch(undefined),
  sort: z.enum(['due', 'raised', 'body', 'status']).catch('due'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})
export type TrackerQuery = z.infer<typeof TrackerQuerySchema>
