import { z } from 'zod'
import { checkbox, versionField } from '../../platform/http/schemas.ts'
import { normaliseRecoveryCode, normaliseTotpCode } from './totp.ts'

export const SignInSchema = z.object({
  email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1, 'Enter your email address').max(320)),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1000),
  next: z.string().optional(),
})
export type SignInInput = z.infer<typeof SignInSchema>

/**
 * Only same-site paths are followed after sign-in. The value is resolved against a fixed origin and
 * must stay on it; control characters (which browsers strip, turning "/\t/x" into "//x") are refused.
 */
export function safeNext(next: string | undefined): string {
  const fallback = '/manage'
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback
  try {
    const base = 'https://joined-up.invalid'
    const url = new URL(next, base)
    if (url.origin !== base || url.pathname.startsWith('//')) return fallback
    return `${url.pathname}${url.search}`
  } catch {
    return fallback
  }
}

const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z.string({ error: 'Enter an email address' }).min(1, 'Enter an email address').max(320).pipe(z.email('Enter an email address in the correct format, like name@example.org')),
)
/** The policy (password-policy.ts) is applied by the use case, which knows the user's email; here only presence. */
const newPassword = z.string({ error: 'Enter a password' }).min(1, 'Enter a password').max(1000, 'Password must be 1000 characters or fewer')

export const SetPasswordSchema = z.object({
  password: newPassword,
  confirmPassword: z.string({ error: 'Enter the password again' }).min(1, 'Enter the password again').max(1000),
})

export const ChangePasswordSchema = SetPasswordSchema.extend({
  currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(1000),
})

export const ResetRequestSchema = z.object({ email })

export const GRANTABLE_ROLES = ['secretariat', 'read_only', 'data_provider'] as const
const role = z.preprocess((v) => (v === '' ? undefined : v), z.enum(GRANTABLE_ROLES, { error: 'Select a role' }))
const optionalId = (message: string) => z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: message }).optional())

export const InviteSchema = z.object({
  email,
  displayName: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'Enter their full name' }).min(1, 'Enter their full name').max(200, 'Name must be 200 characters or fewer')),
  role: z.preprocess((v) => (v === '' ? undefined : v), z.enum([...GRANTABLE_ROLES, 'admin'], { error: 'Select a role' })),
  partnershipId: optionalId('Select a partnership'),
  organisationId: optionalId('Select an organisation'),
})

export const RoleSchema = z.object({
  role,
  partnershipId: z.uuid({ error: 'Select a partnership' }),
  organisationId: optionalId('Select an organisation'),
})

export const LinkPersonSchema = z.object({ personId: optionalId('Select a person from the list') })

/** The single sign-on link to remove (hidden fields of the Unlink button). */
export const UnlinkIdentitySchema = z.object({ issuer: z.string().min(1).max(2000), subject: z.string().min(1).max(2000) })
/** A 6-digit code from an authenticator app; spaces and hyphens between the digits are allowed. */
const totpCode = z
  .string({ error: 'Enter the code from your authenticator app' })
  .trim()
  .min(1, 'Enter the code from your authenticator app')
  .max(20, 'The code must be 6 numbers')
  .refine((v) => /^\d{6}$/.test(normaliseTotpCode(v)), 'The code must be 6 numbers')

export const TotpCodeSchema = z.object({ code: totpCode, next: z.string().optional() })
export const SetUpTwoFactorSchema = z.object({ code: totpCode })

export const RecoveryCodeSchema = z.object({
  code: z
    .string({ error: 'Enter a recovery code' })
    .trim()
    .min(1, 'Enter a recovery code')
    .max(40, 'Recovery codes are 10 letters and numbers, like abcde-23456')
    .refine((v) => /^[a-z0-9]{10}$/.test(normaliseRecoveryCode(v)), 'Recovery codes are 10 letters and numbers, like abcde-23456'),
  next: z.string().optional(),
})

export const CurrentPasswordSchema = z.object({
  currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(1000),
})

export const SecuritySettingsSchema = z.object({ requireTwoFactorForStaff: checkbox, version: versionField })
