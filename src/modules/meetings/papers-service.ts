import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, notFound, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { extractPaperText } from '../../platform/outputs/text-extract.ts'
import { isPaperOpen, isPaperPublic, PAPER_CHANGED_MESSAGE } from './agenda-rules.ts'
import { exemptColumns } from './agenda.ts'
import { actorOf, assertAgendaChangeable, getMeeting, lockedManagedMeeting, lockedMeeting, type MeetingsDeps } from './meeting-loading.ts'
import { assertCanManageBody, canSeeUnpublishedPapers, canSeeWithheldPapers } from './meetings.policy.ts'
import type { DeleteInput, PaperInput } from './meetings.schemas.ts'
import type { DocumentMeta, MeetingWithBody } from './meetings.types.ts'
import type { CheckedPaper } from './papers.ts'

/** A meeting's papers: uploading, deleting and downloading them. */

/** Papers attached to the meeting as a whole rather than to an item. */
export async function findMeetingPapers(deps: MeetingsDeps, meeting: MeetingWithBody): Promise<DocumentMeta[]> {
  return (await deps.repo.findDocumentsOfMeeting(meeting.id)).filter((d) => d.itemId === null)
}

export async function getManagedPaper(deps: MeetingsDeps, user: CurrentUser, paperId: string): Promise<{ paper: DocumentMeta; meeting: MeetingWithBody }> {
  const paper = await deps.repo.findDocumentById(paperId)
  if (!paper) throw notFound('Paper')
  const meeting = await getMeeting(deps, paper.meetingId)
  assertCanManageBody(user, meeting.body)
  return { paper, meeting }
}

export async function addPaper(deps: MeetingsDeps, user: CurrentUser, meetingId: string, input: PaperInput, file: CheckedPaper): Promise<DocumentMeta> {
  // Text for search, read before the transaction (it can take a moment); never fails the upload.
  const extracted = await extractPaperText(file.bytes, file.mediaType)
  return deps.db.transaction(async (tx) => {
    const meeting = await lockedManagedMeeting(deps, user, meetingId, tx)
    assertAgendaChangeable(meeting, 'edit')
    if (input.itemId) {
      const item = await deps.repo.findItemById(input.itemId, tx)
      if (!item || item.meetingId !== meeting.id) throw validation({ itemId: 'Select an agenda item from this meeting' })
    }
    const position = await deps.repo.nextDocumentPosition(meeting.id, input.itemId ?? null, tx)
    const paper = await deps.repo.insertDocument(
      {
        meetingId: meeting.id,
        itemId: input.itemId ?? null,
        position,
        title: input.title,
        filename: file.filename,
        mediaType: file.mediaType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        content: file.bytes,
        textContent: extracted.text,
        textStatus: extracted.status,
        pageCount: extracted.pageCount,
        ...exemptColumns(input),
        uploadedByUserId: user.id,
      },
      tx,
    )
    await recordAudit(tx, actorOf(user), {
      partnershipId: meeting.body.partnershipId,
      event: 'paper.uploaded',
      subjectType: 'document',
      subjectId: paper.id,
      data: { meetingId: meeting.id, itemId: paper.itemId, filename: paper.filename, sha256: paper.sha256, isExempt: paper.isExempt },
    })
    return paper
  })
}

export async function deletePaper(deps: MeetingsDeps, user: CurrentUser, paperId: string, input: DeleteInput): Promise<MeetingWithBody> {
  return deps.db.transaction(async (tx) => {
    const seen = await deps.repo.findDocumentById(paperId, tx)
    if (!seen) throw notFound('Paper')
    const meeting = await lockedMeeting(deps, seen.meetingId, tx)
    const paper = await deps.repo.findDocumentById(paperId, tx)
    if (!paper) throw notFound('Paper')
    assertCanManageBody(user, meeting.body)
    assertAgendaChangeable(meeting, 'restructure')
    if (paper.version !== input.version) throw conflict(PAPER_CHANGED_MESSAGE)
    if (!(await deps.repo.deleteDocument(paper.id, input.version, tx))) throw conflict(PAPER_CHANGED_MESSAGE)
    await recordAudit(tx, actorOf(user), {
      partnershipId: meeting.body.partnershipId,
      event: 'paper.deleted',
      subjectType: 'document',
      subjectId: paper.id,
      data: { meetingId: meeting.id, title: paper.title, filename: paper.filename, sha256: paper.sha256 },
    })
    return meeting
  })
}

/**
 * A paper's bytes for download. The public gets NOT_FOUND for an exempt paper, a paper on an exempt
 * item (or a sub-item of one), and any paper of an agenda not yet published; the partnership's staff
 * and the body's members get every paper; a read-only officer of the partnership gets every paper but
 * the exempt ones, published or not.
 */
export async function findPaperForDownload(
  deps: MeetingsDeps,
  user: CurrentUser | null,
  paperId: string,
  filename: string,
): Promise<{ paper: DocumentMeta; content: Buffer }> {
  const paper = await deps.repo.findDocumentById(paperId)
  if (!paper || paper.filename !== filename) throw notFound('Paper')
  const meeting = await getMeeting(deps, paper.meetingId)
  if (!canSeeWithheldPapers(user, meeting.body)) {
    const item = paper.itemId ? await deps.repo.findItemById(paper.itemId) : undefined
    const parent = item?.parentItemId ? await deps.repo.findItemById(item.parentItemId) : undefined
    const allowed = canSeeUnpublishedPapers(user, meeting.body) ? isPaperOpen(paper, item, parent) : isPaperPublic(meeting, paper, item, parent)
    if (!allowed) throw notFound('Paper')
  }
  const content = await deps.repo.findDocumentContent(paper.id)
  if (!content) throw notFound('Paper')
  return { paper, content }
}
