import { createHash } from 'node:crypto'
import path from 'node:path'
import { notFound } from '../../platform/http/errors.ts'
import { renderDocx } from '../../platform/outputs/docx.ts'
import { renderPdf } from '../../platform/outputs/pdf.ts'
import { readIfCached, writeCached } from './disk-cache.ts'
import type { PacksContext } from './packs.context.ts'
import { downloadName, minutesDocument } from './packs.presenter.ts'

/** Bumped when the printed minutes' layout changes, so every cached copy is rendered again. */
const MINUTES_FORMAT = 1

export type PrintedFile = {
  bytes: Buffer
  filename: string
  /** Hash of everything the document prints: the cache key and the HTTP entity tag. */
  etag: string
}

/** Printed minutes from the disk cache, rendered (within the limit) when missing or out of date. */
export async function printedMinutes(ctx: PacksContext, printing: Map<string, Promise<Buffer>>, meetingId: string, kind: 'pdf' | 'docx'): Promise<PrintedFile> {
  const view = await ctx.minutes.findPublishedMeeting(meetingId)
  if (!view.minutesPublished) throw notFound('Minutes')
  const doc = minutesDocument(view, ctx.meetingUrlOf(view))
  const etag = createHash('sha256')
    .update(JSON.stringify({ format: MINUTES_FORMAT, kind, publicUrl: ctx.publicUrl, doc }))
    .digest('hex')
    .slice(0, 32)
  const filename = downloadName(view, view.status === 'minutes_approved' ? 'minutes' : 'draft-minutes', kind)
  const file = path.join(ctx.minutesDir, `${view.id}-${etag}.${kind}`)
  const cached = await readIfCached(file)
  if (cached) return { bytes: cached, filename, etag }
  let pending = printing.get(file)
  if (!pending) {
    pending = ctx.heavy(async () => {
      const again = await readIfCached(file) // written while this waited its turn
      if (again) return again
      const bytes = kind === 'pdf' ? (await renderPdf(doc, { pageNumbers: true, bookmarks: true })).bytes : await renderDocx(doc)
      await writeCached(ctx.minutesDir, file, bytes, `${view.id}-`, `.${kind}`)
      ctx.stats.minutesRenders++
      return bytes
    }).finally(() => printing.delete(file))
    printing.set(file, pending)
  }
  return { bytes: await pending, filename, etag }
}
