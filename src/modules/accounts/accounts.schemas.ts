import { z } from 'zod'

export const SignInSchema = z.object({
  email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1, 'Enter your email address').max(320)),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1000),
  next: z.string().optional(),
})
export type SignInInput = z.infer<typeof SignInSchema>

/** Only same-site relative paths are followed after sign-in. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/manage'
  return next
}
