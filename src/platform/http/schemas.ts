import { z } from 'zod'
import { isIsoDate } from '../../shared/dates.ts'

/** Reusable zod pieces for HTML form input: empty strings mean "not given". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
/** Trims, and drops NUL characters, which PostgreSQL cannot store in text. */
// eslint-disable-next-line no-control-regex -- removing NUL is the point
const trim = (v: unknown) => (typeof v === 'string' ? v.replace(/\u0000/g, '').trim() : v)

export const requiredText = (label: string, max = 500) =>
  z.preprocess(
    trim,
    z
      .string({ error: `Enter ${label}` })
      .min(1, `Enter ${label}`)
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`),
  )

export const optionalText = (label: string, max = 5000) =>
  z.preprocess(
    (v) => blankToUndefined(trim(v)),
    z.string().max(max, `${capitalise(label)} must be ${max} characters or fewer`).optional(),
  )

export const optionalEmail = (label = 'email address') =>
  z.preprocess(
    (v) => blankToUndefined(trim(v)),
    z.email(`Enter ${label} in the correct format, like name@example.org`).optional(),
  )

export const optionalInt = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => blankToUndefined(trim(v)),
    z.coerce
      .number({ error: `${capitalise(label)} must be a number` })
      .int(`${capitalise(label)} must be a whole number`)
      .min(min, `${capitalise(label)} must be ${min} or more`)
      .max(max, `${capitalise(label)} must be ${max} or fewer`)
      .optional(),
  )

export const requiredInt = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => blankToUndefined(trim(v)),
    z.coerce
      .number({ error: `Enter ${label}` })
      .int(`${capitalise(label)} must be a whole number`)
      .min(min, `${capitalise(label)} must be ${min} or more`)
      .max(max, `${capitalise(label)} must be ${max} or fewer`),
  )

export const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: message }))

export const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: message }).optional())

export const optionalUuid = (message: string) =>
  z.preprocess(blankToUndefined, z.uuid({ error: message }).optional())

export const requiredUuid = (message: string) => z.preprocess(blankToUndefined, z.uuid({ error: message }))

/** A date typed as YYYY-MM-DD (a native date input) or as day/month/year parts. */
export const requiredDate = (label: string) =>
  z.preprocess(
    trim,
    z
      .string({ error: `Enter ${label}` })
      .min(1, `Enter ${label}`)
      .refine(isIsoDate, `${capitalise(label)} must be a real date, like 2027-03-31`),
  )

export const optionalDate = (label: string) =>
  z.preprocess(
    (v) => blankToUndefined(trim(v)),
    z.string().refine(isIsoDate, `${capitalise(label)} must be a real date, like 2027-03-31`).optional(),
  )

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/
/** "14:30" or "14.30"; normalised to "HH:MM". */
export const requiredTime = (label: string) =>
  z.preprocess(
    trim,
    z
      .string({ error: `Enter ${label}` })
      .min(1, `Enter ${label}`)
      .regex(TIME, `${capitalise(label)} must be a 24-hour time, like 14:30`)
      .transform(normaliseTime),
  )

export const optionalTime = (label: string) =>
  z.preprocess(
    (v) => blankToUndefined(trim(v)),
    z
      .string()
      .regex(TIME, `${capitalise(label)} must be a 24-hour time, like 14:30`)
      .transform(normaliseTime)
      .optional(),
  )

function normaliseTime(v: string): string {
  const m = TIME.exec(v)!
  return `${m[1]!.padStart(2, '0')}:${m[2]}`
}

export const checkbox = z.preprocess((v) => v === 'true' || v === 'on' || v === 'yes', z.boolean())

export const versionField = z.coerce.number({ error: 'Missing version' }).int().min(1).max(2_147_483_647)

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
