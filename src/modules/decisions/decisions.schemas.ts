import { z } from 'zod'
import { optionalDate, optionalText } from '../../platform/http/schemas.ts'

const slug = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
  z.string().max(120).regex(/^[a-z0-9-]+$/, 'Select from the list').optional(),
)

/** The register's filters, from the query string. */
export const DecisionQuerySchema = z
  .object({
    partnership: slug,
    body: slug,
    from: optionalDate('the date from'),
    to: optionalDate('the date to'),
    q: optionalText('search text', 200),
    page: z.preprocess(
      (v) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : 1),
      z.number().int().min(1),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The date to must be the same as or after the date from' })
  })
export type DecisionQueryInput = z.infer<typeof DecisionQuerySchema>
