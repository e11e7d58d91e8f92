import { z } from 'zod'
import { isIsoDate } from '../../shared/dates.ts'

export const EVENTS_PER_PAGE = 50
export const MAX_EVENTS_PER_PAGE = 100

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

const isoDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .refine(isIsoDate, { message: 'Enter a real date in the format YYYY-MM-DD' })
    .optional(),
)

const slug = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(200)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'Enter a slug of lower-case letters, digits and hyphens' })
    .optional(),
)

const positiveInt = (max: number, fallback: number, what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,7}$/, { message: `${what} must be a whole number` })
      .transform(Number)
      .pipe(z.number().int().min(1, { message: `${what} must be at least 1` }).max(max, { message: `${what} must be at most ${max}` }))
      .optional()
      .transform((v) => v ?? fallback),
  )

/** GET /open-data/events.json query. */
export const EventsQuery = z
  .object({
    page: positiveInt(100_000, 1, 'page'),
    per_page: positiveInt(MAX_EVENTS_PER_PAGE, EVENTS_PER_PAGE, 'per_page'),
    from: isoDate,
    to: isoDate,
    partnership: slug,
    body: slug,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must be on or before to', path: ['to'] })
export type EventsQuery = z.infer<typeof EventsQuery>

/** GET /open-data/popolo.json query. */
export const PopoloQuery = z.object({ partnership: slug })
export type PopoloQuery = z.infer<typeof PopoloQuery>
