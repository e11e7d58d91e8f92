import { createHash } from 'node:crypto'
import { PdfAssembler, renderPdf, type RenderedPdf } from '../../platform/outputs/pdf.ts'
import { isPdf, paperTypeLabel } from '../../shared/paper-types.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import type { PublishedMeeting } from '../meetings/minutes.service.ts'
import { writeCached } from './disk-cache.ts'
import type { PacksContext } from './packs.context.ts'
import { minutesDocument, packDocument, packOutline, type PackPaper } from './packs.presenter.ts'
import type { PackPaperRow } from './packs.repository.ts'

/** Bumped when the pack layout changes, so every cached pack is rebuilt. */
const PACK_FORMAT = 1
/** Front sheet and agenda page count is found by laying out again until it is stable. */
const MAX_LAYOUT_PASSES = 6

type Placement = { kind: 'merged'; relativePage: number } | { kind: 'separate'; reason: 'format' | 'unreadable' }

/** Public papers in agenda order: each open item's papers, then papers of the meeting as a whole. */
export function orderPapers(view: PublishedMeeting, rows: PackPaperRow[]): PackPaperRow[] {
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
export function packKey(ctx: PacksContext, view: PublishedMeeting, papers: PackPaperRow[]): string {
  const inputs = {
    // The printed minutes close the pack once published: everything they print is an input too.
    minutes: view.minutesPublished ? minutesDocument(view, ctx.meetingUrlOf(view)) : null,
    format: PACK_FORMAT,
    publicUrl: ctx.publicUrl,
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

function planOf(ctx: PacksContext, papers: PackPaperRow[], placements: Map<string, Placement>, frontPages: number): PackPaper[] {
  return papers.map((p) => {
    const placed = placements.get(p.id) ?? { kind: 'separate', reason: 'unreadable' }
    return {
      id: p.id,
      itemId: p.itemId,
      title: p.title,
      url: ctx.absolute(meetingPaths.public.paper(p.id, p.filename)),
      typeLabel: paperTypeLabel(p.mediaType),
      placement: placed.kind === 'merged' ? { kind: 'merged', firstPage: frontPages + placed.relativePage + 1 } : placed,
    }
  })
}

export async function buildPack(ctx: PacksContext, view: PublishedMeeting, papers: PackPaperRow[], file: string): Promise<void> {
  const assembler = await PdfAssembler.create()
  const placements = new Map<string, Placement>()
  // Papers one at a time: only the pack being assembled and one source file are in memory.
  for (const paper of papers) {
    if (!isPdf(paper.mediaType)) {
      placements.set(paper.id, { kind: 'separate', reason: 'format' })
      continue
    }
    const content = await ctx.repo.findPublicPaperContent(paper.id)
    const appended = content ? await assembler.append(content) : null
    placements.set(
      paper.id,
      appended?.ok ? { kind: 'merged', relativePage: appended.firstPage } : { kind: 'separate', reason: 'unreadable' },
    )
  }
  const meetingUrl = ctx.meetingUrlOf(view)
  let minutesStart: number | null = null
  if (view.minutesPublished) {
    const minutes = await assembler.append((await renderPdf(minutesDocument(view, meetingUrl))).bytes)
    if (minutes.ok) minutesStart = minutes.firstPage
  }
  const minutesPage = (frontPages: number) => (minutesStart === null ? null : frontPages + minutesStart + 1)
  let frontPages = 2
  let front: RenderedPdf | null = null
  for (let pass = 0; pass < MAX_LAYOUT_PASSES; pass++) {
    front = await renderPdf(packDocument(view, planOf(ctx, papers, placements, frontPages), meetingUrl, minutesPage(frontPages)))
    if (front.pageCount === frontPages) break
    frontPages = front.pageCount
  }
  if (!front || front.pageCount !== frontPages) throw new Error('The agenda pack layout did not settle')
  const plan = planOf(ctx, papers, placements, frontPages)
  await assembler.prepend(front.bytes)
  assembler.setOutline(packOutline(view, plan, front.anchors, minutesPage(frontPages)))
  await assembler.stampPageNumbers()
  const model = packDocument(view, plan, meetingUrl, minutesPage(frontPages))
  assembler.setMetadata({ title: model.title, language: model.language, author: view.body.partnershipName, subject: 'Agenda pack' })
  const bytes = await assembler.save()
  await writeCached(ctx.cacheDir, file, bytes, `${view.id}-`, '.pdf')
  ctx.stats.builds++
}
