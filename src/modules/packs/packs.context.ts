import type { MinutesService, PublishedMeeting } from '../meetings/minutes.service.ts'
import type { PacksRepository } from './packs.repository.ts'

/**
 * For tests and the benchmark: how many packs were built and printed minutes rendered (not served from the
 * disk cache), how many of those run now, and the most that ever ran at once.
 */
export type PackStats = { builds: number; minutesRenders: number; running: number; peakRunning: number }

/** What the pack and printed-minutes use cases share, built once by packsService. */
export type PacksContext = {
  repo: PacksRepository
  minutes: Pick<MinutesService, 'findPublishedMeeting'>
  publicUrl: string
  /** An absolute address under the public URL. */
  absolute: (path: string) => string
  meetingUrlOf: (view: PublishedMeeting) => string
  cacheDir: string
  minutesDir: string
  stats: PackStats
  /** Runs a build or render within the shared concurrency limit, counting it. */
  heavy: <T>(task: () => Promise<T>) => Promise<T>
}
