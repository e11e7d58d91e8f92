import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import { notFound } from '../../platform/http/errors.ts'
import { renderDocx } from '../../platform/outputs/docx.ts'
import { PdfAssembler, renderPdf, type RenderedPdf } from '../../platform/outputs/pdf.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { MinutesService, PublishedMeeting } from '../meetings/minutes.service.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { isPdf, paperTypeLabel } from '../../shared/paper-types.ts'
import { packsRepository, type PackPaperRow } from './packs.repository.ts'
import { downloadName, minutesDocument, packDocument, packOutline, type PackPaper } from './packs.presenter.ts'

/** Bumped when the pack layout changes, so every cached pack is rebuilt. */
const PACK_FORMAT = 1
/** Bumped when the printed minutes' layout changes, so every cached copy is rendered again. */
const MINUTES_FORMAT = 1
/** Packs and printed minutes rendered at once by one instance; more wait their turn (see concurrencyLimit). */
export const MAX_CONCURRENT_BUILDS = 2
/** Front sheet and agenda page count is found by laying out again until it is stable. */
const MAX_LAYOUT_PASSES = 6

export type PackFile = {
  /** Hash of everything the pack prints: the cache key and the HTTP entity tag. */
  etag: string
  filename: string
  /** Open the cached file: the handle keeps it readable even if a newer pack replaces it meanwhile. */
  open(): Promise<{ stream: ReadableStream<Uint8Array>; size: number; etag: string }>
}

export type PrintedFile = {
  bytes: Buffer
  filename: string
  /** Hash of everything the document prints: the cache key and the HTTP entity tag. */
  etag: string
}

/**
 * For tests and the benchmark: how many packs were built and printed minutes rendered (not served from the
 * disk cache), how many of those run now, and the most that ever ran at once.
 */
export type PackStats = { builds: number; minutesRenders: number; running: number; peakRunning: number }

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

type Placement = { kind: 'merged'; relativePage: number } | { kind: 'separate'; reason: 'format' | 'unreadable' }

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
  const repo = packsRepository(db)
  const cacheDir = deps.cacheDir ?? path.join(deps.config.dataDir, 'cache', 'packs')
  const minutesDir = deps.minutesCacheDir ?? path.join(deps.config.dataDir, 'cache', 'minutes')
  const inFlight = new Map<string, Promise<void>>()
  const printing = new Map<string, Promise<Buffer>>()
  const stats: PackStats = { builds: 0, minutesRenders: 0, running: 0, peakRunning: 0 }
  const limit = concurrencyLimit(deps.maxConcurrentBuilds ?? MAX_CONCURRENT_BUILDS)
  /** Runs a build or render within the shared limit, counting it. */
  const heavy = <T>(task: () => Promise<T>): Promise<T> =>
    limit(async () => {
      stats.running++
      stats.peakRunning = Math.max(stats.peakRunning, stats.running)
      try {
        return await task()
      } finally {
        stats.running--
      }
    })
  const absolute = (p: string) => `${deps.config.publicUrl.replace(/\/$/, '')}${p}`
  const meetingUrlOf = (view: PublishedMeeting) => absolute(meetingPaths.public.meeting(view.id))

  async function publishedAgenda(meetingId: string): Promise<PublishedMeeting> {
    const view = await deps.minutes.findPublishedMeeting(meetingId)
    if (!view.agendaPublished) throw notFound('Agenda pack')
    return view
  }

  async function publishedMinutes(meetingId: string): Promise<PublishedMeeting> {
    const view = await deps.minutes.findPublishedMeeting(meetingId)
    if (!view.minutesPublished) throw notFound('Minutes')
    return view
  }

  /** Public papers in agenda order: each open item's papers, then papers of the meeting as a whole. */
  function orderPapers(view: PublishedMeeting, rows: PackPaperRow[]): PackPaperRow[] {
    const shown = new Set(view.items.flatMap((i) => (i.kind === 'open' ? i.papers.map((p) => p.id) : [])))
    const ordered: PackPaperRow[] = []
    for (const item of view.items) {
      if (item.kind !== 'open') continue
      ordered.push(...rows.filter((r) => r.itemId === item.id && shown.has(r.id)))
    }
    ordered.push(...rows.filter((r) => r.itemId === null))
    return ordered
  }

  /** Everything the pack prints, hashed: any public change gives a new key. */
  function packKey(view: PublishedMeeting, papers: PackPaperRow[]): string {
    const inputs = {
      // The printed minutes close the pack once published: everything they print is an input too.
      minutes: view.minutesPublished ? minutesDocument(view, meetingUrlOf(view)) : null,
      format: PACK_FORMAT,
      publicUrl: deps.config.publicUrl,
      meeting: {
        title: view.title,
        body: view.body,
        date: view.date,
        startTime: view.startTime,
        endTime: view.endTime,
        venue: view.venue,
        contact: view.contact,
        cancelled: view.cancelled,
        movedFrom: view.movedFrom,
      },
      items: view.items.map((i) =>
        i.kind === 'exempt'
          ? [i.id, 'exempt', i.number, i.title, i.isSubItem, i.exemptParagraph]
          : [i.id, 'open', i.number, i.title, i.isSubItem, i.presenter],
      ),
      papers: papers.map((p) => [p.id, p.itemId, p.version, p.sha256, p.sizeBytes, p.title, p.filename, p.mediaType]),
    }
    return createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 32)
  }

  function planOf(papers: PackPaperRow[], placements: Map<string, Placement>, frontPages: number): PackPaper[] {
    return papers.map((p) => {
      const placed = placements.get(p.id) ?? { kind: 'separate', reason: 'unreadable' }
      return {
        id: p.id,
        itemId: p.itemId,
        title: p.title,
        url: absolute(meetingPaths.public.paper(p.id, p.filename)),
        typeLabel: paperTypeLabel(p.mediaType),
        placement: placed.kind === 'merged' ? { kind: 'merged', firstPage: frontPages + placed.relativePage + 1 } : placed,
      }
    })
  }

  async function build(view: PublishedMeeting, papers: PackPaperRow[], file: string): Promise<void> {
    const assembler = await PdfAssembler.create()
    const placements = new Map<string, Placement>()
    // Papers one at a time: only the pack being assembled and one source file are in memory.
    for (const paper of papers) {
      if (!isPdf(paper.mediaType)) {
        placements.set(paper.id, { kind: 'separate', reason: 'format' })
        continue
      }
      const content = await repo.findPublicPaperContent(paper.id)
      const appended = content ? await assembler.append(content) : null
      placements.set(
        paper.id,
        appended?.ok ? { kind: 'merged', relativePage: appended.firstPage } : { kind: 'separate', reason: 'unreadable' },
      )
    }
    const meetingUrl = meetingUrlOf(view)
    let minutesStart: number | null = null
    if (view.minutesPublished) {
      const minutes = await assembler.append((await renderPdf(minutesDocument(view, meetingUrl))).bytes)
      if (minutes.ok) minutesStart = minutes.firstPage
    }
    const minutesPage = (frontPages: number) => (minutesStart === null ? null : frontPages + minutesStart + 1)
    let frontPages = 2
    let front: RenderedPdf | null = null
    for (let pass = 0; pass < MAX_LAYOUT_PASSES; pass++) {
      front = await renderPdf(packDocument(view, planOf(papers, placements, frontPages), meetingUrl, minutesPage(frontPages)))
      if (front.pageCount === frontPages) break
      frontPages = front.pageCount
    }
    if (!front || front.pageCount !== frontPages) throw new Error('The agenda pack layout did not settle')
    const plan = planOf(papers, placements, frontPages)
    await assembler.prepend(front.bytes)
    assembler.setOutline(packOutline(view, plan, front.anchors, minutesPage(frontPages)))
    await assembler.stampPageNumbers()
    const model = packDocument(view, plan, meetingUrl, minutesPage(frontPages))
    assembler.setMetadata({ title: model.title, language: model.language, author: view.body.partnershipName, subject: 'Agenda pack' })
    const bytes = await assembler.save()
    await writeCached(cacheDir, file, bytes, `${view.id}-`, '.pdf')
    stats.builds++
  }

  /**
   * Writes a cache file aside then renames it (a reader, or another instance sharing the data directory, never
   * sees half a file), then removes the meeting's older files of the same kind: they are out of date now (open
   * handles keep serving them until done).
   */
  async function writeCached(dir: string, file: string, bytes: Uint8Array, prefix: string, suffix: string): Promise<void> {
    await fs.mkdir(dir, { recursive: true })
    const tmp = `${file}.${randomUUID()}.tmp`
    try {
      await fs.writeFile(tmp, bytes)
      await fs.rename(tmp, file)
    } finally {
      await fs.rm(tmp, { force: true })
    }
    for (const name of await fs.readdir(dir)) {
      const other = path.join(dir, name)
      if (name.startsWith(prefix) && name.endsWith(suffix) && other !== file) await fs.rm(other, { force: true })
    }
  }

  async function readIfCached(file: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(file)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
  }

  /** Printed minutes from the disk cache, rendered (within the limit) when missing or out of date. */
  async function printedMinutes(meetingId: string, kind: 'pdf' | 'docx'): Promise<PrintedFile> {
    const view = await publishedMinutes(meetingId)
    const doc = minutesDocument(view, meetingUrlOf(view))
    const etag = createHash('sha256')
      .update(JSON.stringify({ format: MINUTES_FORMAT, kind, publicUrl: deps.config.publicUrl, doc }))
      .digest('hex')
      .slice(0, 32)
    const filename = downloadName(view, view.status === 'minutes_approved' ? 'minutes' : 'draft-minutes', kind)
    const file = path.join(minutesDir, `${view.id}-${etag}.${kind}`)
    const cached = await readIfCached(file)
    if (cached) return { bytes: cached, filename, etag }
    let pending = printing.get(file)
    if (!pending) {
      pending = heavy(async () => {
        const again = await readIfCached(file) // written while this waited its turn
        if (again) return again
        const bytes = kind === 'pdf' ? (await renderPdf(doc, { pageNumbers: true, bookmarks: true })).bytes : await renderDocx(doc)
        await writeCached(minutesDir, file, bytes, `${view.id}-`, `.${kind}`)
        stats.minutesRenders++
        return bytes
      }).finally(() => printing.delete(file))
      printing.set(file, pending)
    }
    return { bytes: await pending, filename, etag }
  }

  async function exists(file: string): Promise<boolean> {
    try {
      await fs.access(file)
      return true
    } catch {
      return false
    }
  }

  const service = {
    stats,

    /** The meeting's agenda pack, built if the cached copy is missing or out of date; NOT_FOUND unless the agenda is public. */
    async getPack(meetingId: string, attempt = 0): Promise<PackFile> {
      const view = await publishedAgenda(meetingId)
      const papers = orderPapers(view, await repo.findPublicPapersOfMeeting(view.id))
      const etag = packKey(view, papers)
      const file = path.join(cacheDir, `${view.id}-${etag}.pdf`)
      if (!(await exists(file))) {
        let pending = inFlight.get(file)
        if (!pending) {
          pending = heavy(async () => {
            if (!(await exists(file))) await build(view, papers, file) // it may have been built while this waited
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
      return printedMinutes(meetingId, 'pdf')
    },

    /** Printed minutes as Word (cached on disk); NOT_FOUND unless the minutes are published. */
    minutesDocx(meetingId: string): Promise<PrintedFile> {
      return printedMinutes(meetingId, 'docx')
    },
  }
  return service
}
export type PacksService = ReturnType<typeof packsService>
