import { z } from 'zod'
import { isIsoDate } from '../../shared/dates.ts'

const blank = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v)
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/

/** The calendar's GET query. Wrong values are the reader's input: a 400 page with an error summary, never a 500. */
export const CalendarQuerySchema = z
  .object({
    view: z.preprocess(blank, z.enum(['month', 'list'], { error: 'Select month or list view' }).default('month')),
    month: z.preprocess(
      blank,
      z
        .string()
        .regex(MONTH, 'Enter a month as a year and month, like 2027-03')
        .refine((m) => Number(m.slice(0, 4)) >= 1900 && Number(m.slice(0, 4)) <= 2999, 'Enter a month between 1900 and 2999')
        .optional(),
    ),
    from: z.preprocess(blank, z.string().refine(isIsoDate, 'Date from must be a real date, like 2027-03-31').optional()),
    to: z.preprocess(blank, z.string().refine(isIsoDate, 'Date to must be a real date, like 2027-03-31').optional()),
    partnership: z.preprocess(blank, z.string().regex(SLUG, 'Select a partnership from the list').optional()),
    body: z.preprocess(blank, z.string().regex(SLUG, 'Select a body from the list').optional()),
    page: z.preprocess((v) => {
      const n = Number(v)
      return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1
    }, z.number()),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Date to must be the same as or after date from' })
  })
export type CalendarQueryInput = z.infer<typeof CalendarQuerySchema>
