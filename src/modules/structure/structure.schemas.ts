import { z } from 'zod'
import {
  choice,
  optionalDate,
  optionalEmail,
  optionalInt,
  optionalText,
  optionalUuid,
  requiredDate,
  requiredInt,
  requiredText,
  requiredUuid,
  versionField,
} from '../../platform/http/schemas.ts'
import {
  BANK_HOLIDAY_REGIONS,
  BODY_KINDS,
  MEMBERSHIP_ROLES,
  NUMBERING_SCHEMES,
  ORGANISATION_TYPES,
  REGIMES,
} from './structure.tables.ts'

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : v)

const optionalWebsite = z.preprocess(
  (v) => blankToUndefined(trim(v)),
  z
    .string()
    .max(500, 'Website must be 500 characters or fewer')
    .regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, 'Enter a website address in the correct format, like https://www.example.gov.uk')
    .optional(),
)

const optionalPhone = z.preprocess(
  (v) => blankToUndefined(trim(v)),
  z
    .string()
    .max(40, 'Phone number must be 40 characters or fewer')
    .regex(/^[0-9+()\-\s]+$/, 'Enter a phone number, like 01632 960 001 or +44 808 157 0192')
    .optional(),
)

export const OrganisationSchema = z.object({
  name: requiredText('the organisation name', 200),
  shortName: optionalText('short name', 50),
  type: choice(ORGANISATION_TYPES, 'Select the type of organisation'),
  website: optionalWebsite,
})
export type OrganisationInput = z.infer<typeof OrganisationSchema>
export const EditOrganisationSchema = OrganisationSchema.extend({ version: versionField })

const PersonDetailsSchema = z.object({
  honorific: optionalText('title', 30),
  fullName: requiredText('the full name', 200),
  jobTitle: optionalText('job title', 200),
  organisationId: optionalUuid('Select an organisation from the list'),
  email: optionalEmail(),
  phone: optionalPhone,
})
export type PersonInput = z.infer<typeof PersonDetailsSchema>
/** A new person belongs to the partnership that adds them (issue 10): only partnerships that use a person see them. */
export const PersonSchema = PersonDetailsSchema.extend({
  partnershipId: requiredUuid('Select the partnership that is adding this person'),
})
export type NewPersonInput = z.infer<typeof PersonSchema>
export const EditPersonSchema = PersonDetailsSchema.extend({ version: versionField })

export const PartnershipSchema = z.object({
  name: requiredText('the partnership name', 200),
  parentPartnershipId: optionalUuid('Select a parent partnership from the list'),
  summary: optionalText('summary', 1000),
  purpose: optionalText('purpose', 5000),
  vision: optionalText('vision', 5000),
})
export type PartnershipInput = z.infer<typeof PartnershipSchema>
export const EditPartnershipSchema = PartnershipSchema.extend({ version: versionField })

export const AddPartnerSchema = z.object({ organisationId: requiredUuid('Select an organisation') })
export const MovePartnerSchema = z.object({ direction: choice(['up', 'down'] as const, 'Choose up or down'), version: versionField })
/** Removing a partner: the partnership's version the user saw. */
export const RemovePartnerSchema = z.object({ version: versionField })

export const BodySchema = z.object({
  name: requiredText('the name of the body', 200),
  kind: choice(BODY_KINDS, 'Select the kind of body'),
  regime: choice(REGIMES, 'Select the rules the body meets under'),
  termsOfReference: optionalText('terms of reference', 50000),
  quorum: optionalInt('quorum', 1, 500),
  meetingFrequency: optionalText('meeting frequency', 100),
  accountableToBodyId: optionalUuid('Select a body from the list'),
  numberingScheme: choice(NUMBERING_SCHEMES, 'Select how agenda items are numbered'),
  nextItemNumber: requiredInt('the next item number', 1, 1_000_000),
  noticeClearDays: requiredInt('the notice in clear days', 0, 60),
  region: choice(BANK_HOLIDAY_REGIONS, 'Select the bank holiday region'),
})
export type BodyInput = z.infer<typeof BodySchema>
export const EditBodySchema = BodySchema.extend({ version: versionField })

export const MembershipSchema = z.object({
  personId: requiredUuid('Select a person'),
  role: choice(MEMBERSHIP_ROLES, 'Select the role'),
  onBehalfOfOrganisationId: optionalUuid('Select an organisation from the list'),
  startsOn: optionalDate('the start date'),
  endsOn: optionalDate('the end date'),
  deputyForMembershipId: optionalUuid('Select a member from the list'),
})
export type MembershipInput = z.infer<typeof MembershipSchema>
export const EditMembershipSchema = MembershipSchema.extend({ version: versionField })

export const EndMembershipSchema = z.object({ endsOn: requiredDate('the end date'), version: versionField })
export type EndMembershipInput = z.infer<typeof EndMembershipSchema>

/** ?page=N: anything that is not a positive whole number is page 1. */
export const PageQuery = z.object({
  page: z.preprocess((v) => {
    const n = Number(v)
    return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1
  }, z.number()),
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 100) : ''), z.string()),
})

export const IdParam = z.uuid()
