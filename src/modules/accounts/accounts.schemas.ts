import { z } from 'zod'

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
