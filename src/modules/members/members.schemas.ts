import { z } from 'zod'
import { checkbox, optionalText } from '../../platform/http/schemas.ts'

export const MAX_MEMBER_UPDATE = 5000

/** A member's update to an action they own: words, a completion, or both (one of them at least: the service checks). */
export const MemberUpdateSchema = z.object({
  text: optionalText('your update', MAX_MEMBER_UPDATE),
  completed: checkbox,
})
export type MemberUpdateInput = z.infer<typeof MemberUpdateSchema>

export { idParam } from '../../platform/http/params.ts'
