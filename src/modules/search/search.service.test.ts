import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { eq, sql } from 'drizzle-orm'
import { signedInAgent } from '../../../test/support/app.ts'
import { buildBody, buildMeeting, buildPartnership } from '../../../test/support/builders.ts'
import { makeDocx, makePdf } from '../../../test/support/paper-files.ts'
import { documents, meetings } from '../meetings/meetings.tables.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { searchRepository } from './search.repository.ts'
import { markedToHtml } from './search.presenter.ts'
import { SEARCH_KINDS, splitQuery } from './search.schemas.ts'

const t = useTestApp()

function upload(title: string, bytes: Buffer, name: string, type: string): FormData {
  const form = new FormData()
  form.set('title', title)
  form.set('file', new File([new Uint8Array(bytes)], name, { type }))
  return form
}

describe('papers uploaded through the staff page', () => {
  it('have their PDF and DOCX text extracted, and are found by it once the agenda is published', async () => {
    const partnership = await buildPartnership(t.db)
    const body = await buildBody(t.db, { partnershipId: partnership.id })
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2027-05-04' })
    const staff = await signedInAgent(t.app, t.services, { isAdmin: true })
    await staff.get(meetingPaths.manage.newPaper(meeting.id))
    const pdf = await makePdf(['Youth violence reduction: the kingfisher programme', 'Page two'])
    let res = await staff.post(meetingPaths.manage.newPaper(meeting.id), upload('Kingfisher report', pdf, 'kingfisher.pdf', 'application/pdf'))
    expect(res.status).toBe(303)
    await staff.get(meetingPaths.manage.newPaper(meeting.id))
    const docx = await makeDocx(['Appendix', 'The cormorant pilot will run in 2028.'])
    res = await staff.post(
      meetingPaths.manage.newPaper(meeting.id),
      upload('Cormorant appendix', docx, 'cormorant.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    )
    expect(res.status).toBe(303)

    const rows = await t.db
      .select({ title: documents.title, textStatus: documents.textStatus, textContent: documents.textContent, pageCount: documents.pageCount })
      .from(documents)
      .where(eq(documents.meetingId, meeting.id))
      .orderBy(documents.position)
    expect(rows).toEqual([
      { title: 'Kingfisher report', textStatus: 'extracted', textContent: expect.stringContaining('the kingfisher programme'), pageCount: 2 },
      { title: 'Cormorant appendix', textStatus: 'extracted', textContent: 'Appendix\n\nThe cormorant pilot will run in 2028.', pageCount: null },
    ])

    // Not public yet: the agenda is unpublished.
    expect(await (await t.app.request('http://localhost/search?q=kingfisher')).text()).toContain('No results')
    await t.db.update(meetings).set({ status: 'agenda_published', agendaPublishedAt: new Date() }).where(eq(meetings.id, meeting.id))
    const html = await (await t.app.request('http://localhost/search?q=cormorant')).text()
    expect(html).toContain('href="/papers/')
    expect(html).toContain('The <mark class="app-search-match">cormorant</mark> pilot')
  })

  it('are stored even when their text cannot be read', async () => {
    const meeting = await buildMeeting(t.db)
    const staff = await signedInAgent(t.app, t.services, { isAdmin: true })
    await staff.get(meetingPaths.manage.newPaper(meeting.id))
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('garbage '.repeat(50))])
    const res = await staff.post(meetingPaths.manage.newPaper(meeting.id), upload('Broken', broken, 'broken.pdf', 'application/pdf'))
    expect(res.status).toBe(303)
    const [row] = await t.db.select({ textStatus: documents.textStatus, textContent: documents.textContent }).from(documents).where(eq(documents.meetingId, meeting.id))
    expect(row).toEqual({ textStatus: 'failed', textContent: null })
  })
})

describe('the search query', () => {
  it('uses the GIN indexes on a few thousand rows (5,000 of each; 2,000 of each part of the structure)', async () => {
    const body = await buildBody(t.db)
    const meeting = await buildMeeting(t.db, { bodyId: body.id, status: 'minutes_approved', agendaPublishedAt: new Date() })
    await t.db.execute(sql`
      insert into agenda_items (meeting_id, position, title, minutes)
      select ${meeting.id}, g, 'Item ' || g || ' on ' || (array['housing','transport','health','budget'])[1 + g % 4], repeat('The board discussed the report and agreed the recommendations. ', 8) || g
      from generate_series(1, 5000) g`)
    await t.db.execute(sql`
      insert into decisions (item_id, text) select id, 'RESOLVED: ' || repeat('to agree the recommendations of the report, ', 8) || title from agenda_items where meeting_id = ${meeting.id}`)
    await t.db.execute(sql`
      insert into documents (meeting_id, title, filename, media_type, size_bytes, sha256, content, text_content)
      select ${meeting.id}, 'Paper ' || g, 'p.pdf', 'application/pdf', 1, 'x', '\\x00', repeat('The partnership paper sets out the evidence. ', 20) || g from generate_series(1, 5000) g`)
    await t.db.execute(sql`
      insert into actions (body_id, meeting_id, description, raised_on, is_public)
      select ${body.id}, ${meeting.id}, repeat('Circulate the report to partners and report back. ', 8) || g, '2027-03-16', true from generate_series(1, 5000) g`)
    // The structure: partnerships, bodies, organisations and people (with a seat each, as search lists only them).
    await t.db.execute(sql`
      insert into partnerships (slug, name, summary) select 'gin-p-' || g, 'Partnership ' || g, repeat('Working together across the district. ', 4) from generate_series(1, 2000) g`)
    await t.db.execute(sql`
      insert into bodies (slug, partnership_id, name, kind, terms_of_reference)
      select 'gin-b-' || p.slug, p.id, 'Board of ' || p.name, 'board', repeat('To oversee the programme. ', 4) from partnerships p where p.slug like 'gin-p-%'`)
    await t.db.execute(sql`
      insert into organisations (slug, name, type) select 'gin-o-' || g, 'Organisation ' || g, 'other' from generate_series(1, 2000) g`)
    await t.db.execute(sql`
      insert into people (full_name, job_title) select 'Person ' || g, 'Officer' from generate_series(1, 2000) g`)
    await t.db.execute(sql`
      insert into memberships (body_id, person_id, role) select ${body.id}, id, 'member' from people where full_name like 'Person %'`)
    await t.database.exec('vacuum analyze') // as the server's vacuum timer does; it also flushes the GIN pending lists
    const repo = searchRepository(t.db)
    const { match } = await repo.parseQueries('kestrel', '')
    const plan = await repo.explain({ match, exclude: null, kinds: [...SEARCH_KINDS], order: 'relevance', limit: 20, offset: 0 })
    for (const index of [
      'agenda_items_search_idx',
      'decisions_search_idx',
      'documents_search_idx',
      'actions_search_idx',
      'partnerships_search_idx',
      'bodies_search_idx',
      'organisations_search_idx',
      'people_search_idx',
    ]) {
      expect(plan, plan).toContain(index)
    }
  }, 120_000)
})

describe('splitQuery', () => {
  it('separates the words to exclude, keeping phrases and hyphenated words', () => {
    expect(splitQuery('youth -violence "community safety" -"night time" well-being')).toEqual({
      positive: 'youth "community safety" well-being',
      negative: ['violence', '"night time"'],
    })
    expect(splitQuery('  - budget  "unclosed')).toEqual({ positive: '- budget "unclosed"', negative: [] })
    expect(splitQuery('-only')).toEqual({ positive: '', negative: ['only'] })
  })
})

describe('markedToHtml', () => {
  it('escapes everything and turns only the markers into balanced <mark> elements', () => {
    expect(markedToHtml('a <b> & "c" \uE000match\uE001 \'d\'')).toBe('a &lt;b&gt; &amp; &quot;c&quot; <mark class="app-search-match">match</mark> &#39;d&#39;')
    expect(markedToHtml('\uE001stray \uE000open')).toBe('stray <mark class="app-search-match">open</mark>')
    expect(markedToHtml('<mark>x</mark>')).toBe('&lt;mark&gt;x&lt;/mark&gt;')
  })
})
