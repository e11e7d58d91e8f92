import { z } from 'zod'
import { checkbox, optionalUuid, requiredText, requiredUuid } from '../../platform/http/schemas.ts'

/** An owner's update posted through their personal link: one action at a time. */
export const OwnerUpdateSchema = z.object({
  actionId: requiredUuid('Choose an action to update'),
  update: requiredText('your update', 5000),
  completed: checkbox,
})
export type OwnerUpdateForm = z.infer<typeof OwnerUpdateSchema>

/** The secretariat sends an action's owners their personal link: all of them, or one person. */
export const SendOwnerLinkSchema = z.object({
  personId: optionalUuid('Choose an owner'),
})
