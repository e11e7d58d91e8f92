import fs from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import { notFound } from '../../platform/http/errors.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { MinutesService, PublishedMeeting } from '../meetings/minutes.service.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { exists } from './disk-cache.ts'
import { buildPack, orderPapers, packKey } from './pack-build.ts'
import type { PacksContext, PackStats } from './packs.context.ts'
import { downloadName } from './packs.presenter.ts'
import { packsRepository } from './packs.repository.ts'
import { printedMinutes, type PrintedFile } from './printed-minutes.ts'

export type { PackStats } from './packs.context.ts'
export type { PrintedFile } from './printed-minutes.ts'

/** Packs and printed minutes rendered at once by one instance; more wait their turn (see concurrencyLimit). */
export const MAX_CONCURRENT_BUILDS = 2

export type PackFile = {
  /** Hash of everything the pack prints: the cache key and the HTTP entity tag. */
  etag: string
  filename: string
  /** Open the cached file: the handle keeps it readable even if a newer pack replaces it meanwhile. */
  open(): Promise<{ stream: ReadableStream<Uint8Array>; size: number; etag: string }>
}

/**
 * At most `max` tasks run at once; the rest wait in arrival order. A finishing task hands its slot straight
 * to the next waiting one.
 */
export function concurrencyLimit(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0
  const waiting: (() => void)[] = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < max) active++
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else active--
    }
  }
}

/**
 * Agenda packs (front sheet, agenda, public PDF papers, then the printed minutes once published) and printed minutes. What is public comes from minutes.findPublishedMeeting (exempt items
 * reduced to number, title and paragraph) and from packsRepository (papers through paperPublicSql); a paper
 * is merged only when both agree it is public.
 *
 * A pack is built once per change and kept on disk under `<dataDir>/cache/packs/<meeting>-<hash>.pdf`,
 * the hash covering every public input (items, numbers, titles, paper ids, versions and sha256). Requests
 * stream the file; concurrent requests for the same pack wait on the same build. Printed minutes are kept
 * the same way under `<dataDir>/cache/minutes/<meeting>-<hash>.pdf|docx`, the hash covering the printed
 * document. Anonymous visitors can ask for any of these, so builds and renders share one concurrency limit
 * (MAX_CONCURRENT_BUILDS): a burst of requests for many meetings queues instead of rendering all at once.
 */
export function packsService(
  db: Db,
  deps: { meetings: MeetingsService; minutes: MinutesService; config: Config; cacheDir?: string; minutesCacheDir?: string; maxConcurrentBuilds?: number },
) {
  const stats: PackStats = { builds: 0, minutesRenders: 0, running: 0, peakRunning: 0 }
  const limit = concurrencyLimit(deps.maxConcurrentBuilds ?? MAX_CONCURRENT_BUILDS)
  const absolute = (p: string) => `${deps.config.publicUrl.replace(/\/$/, '')}${p}`
  const ctx: PacksContext = {
    repo: packsRepository(db),
    minutes: deps.minutes,
    publicUrl: deps.config.publicUrl,
    absolute,
    meetingUrlOf: (view: PublishedMeeting) => absolute(meetingPaths.public.meeting(view.id)),
    cacheDir: deps.cacheDir ?? path.join(deps.config.dataDir, 'cache', 'packs'),
    minutesDir: deps.minutesCacheDir ?? path.join(deps.config.dataDir, 'cache', 'minutes'),
    stats,
    heavy: <T>(task: () => Promise<T>): Promise<T> =>
      limit(async () => {
        stats.running++
        stats.peakRunning = Math.max(stats.peakRunning, stats.running)
        try {
          return await task()
        } finally {
          stats.running--
        }
      }),
  }
  /** Builds under way, by file: concurrent requests for the same pack or printed minutes wait on one. */
  const inFlight = new Map<string, Promise<void>>()
  const printing = new Map<string, Promise<Buffer>>()

  const service = {
    stats,

    /** The meeting's agenda pack, built if the cached copy is missing or out of date; NOT_FOUND unless the agenda is public. */
    async getPack(meetingId: string, attempt = 0): Promise<PackFile> {
      const view = await ctx.minutes.findPublishedMeeting(meetingId)
      if (!view.agendaPublished) throw notFound('Agenda pack')
      const papers = orderPapers(view, await ctx.repo.findPublicPapersOfMeeting(view.id))
      const etag = packKey(ctx, view, papers)
      const file = path.join(ctx.cacheDir, `${view.id}-${etag}.pdf`)
      if (!(await exists(file))) {
        let pending = inFlight.get(file)
        if (!pending) {
          pending = ctx.heavy(async () => {
            if (!(await exists(file))) await buildPack(ctx, view, papers, file) // it may have been built while this waited
          }).finally(() => inFlight.delete(file))
          inFlight.set(file, pending)
        }
        await pending
      }
      return {
        etag,
        filename: downloadName(view, 'agenda-pack', 'pdf'),
        async open() {
          let handle: fs.FileHandle
          try {
            handle = await fs.open(file, 'r')
          } catch (err) {
            // A newer pack replaced this one between the check and the open: serve that one.
            if ((err as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 2) return (await service.getPack(meetingId, attempt + 1)).open()
            throw err
          }
          try {
            const { size } = await handle.stat()
            const stream = Readable.toWeb(handle.createReadStream({ autoClose: true })) as ReadableStream<Uint8Array>
            return { stream, size, etag }
          } catch (err) {
            await handle.close()
            throw err
          }
        },
      }
    },

    /** Printed minutes as PDF (cached on disk); NOT_FOUND unless the minutes are published. */
    minutesPdf(meetingId: string): Promise<PrintedFile> {
      return printedMinutes(ctx, printing, meetingId, 'pdf')
    },

    /** Printed minutes as Word (cached on disk); NOT_FOUND unless the minutes are published. */
    minutesDocx(meetingId: string): Promise<PrintedFile> {
      return printedMinutes(ctx, printing, meetingId, 'docx')
    },
  }
  return service
}
export type PacksService = ReturnType<typeof packsService>
