import { z } from 'zod'
import { optionalText, optionalUuid } from '../../platform/http/schemas.ts'

/** Tag an item: an existing topic, or a new one by name. */
export const TopicChoiceSchema = z
  .object({
    topicId: optionalUuid('Select a topic from the list'),
    name: optionalText('topic name', 120),
  })
  .superRefine((v, ctx) => {
    if (!v.topicId && !v.name) ctx.addIssue({ code: 'custom', path: ['topicId'], message: 'Select a topic or enter the name of a new one' })
    if (v.topicId && v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Either select a topic or enter a new name, not both' })
  })
export type TopicChoiceInput = z.infer<typeof TopicChoiceSchema>

export const RemoveTopicSchema = z.object({ topicId: z.uuid({ error: 'Select a topic' }) })

/**
 * The item's topics page posts one of two forms to the same URL: "Remove" beside a topic (`action=remove`), or
 * "Add topic" (anything else).
 */
export const ItemTopicFormSchema = z.preprocess(
  (v) => (v && typeof v === 'object' ? { ...v, action: (v as { action?: unknown }).action === 'remove' ? 'remove' : 'add' } : v),
  z.discriminatedUnion('action', [RemoveTopicSchema.extend({ action: z.literal('remove') }), TopicChoiceSchema.extend({ action: z.literal('add') })]),
)
