import { z } from 'zod'

// eslint-disable-next-line no-control-regex -- removing NUL is the point
const trim = (v: unknown) => (typeof v === 'string' ? v.replace(/\u0000/g, '').trim() : v)

export const SubscribeSchema = z.object({
  email: z.preprocess(
    trim,
    z
      .string({ error: 'Enter your email address' })
      .min(1, 'Enter your email address')
      .max(254, 'Email address must be 254 characters or fewer')
      .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
  ),
})
