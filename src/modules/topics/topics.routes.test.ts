import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { buildAgendaItem, buildBody, buildDecision, buildMeeting, buildPartnership } from '../../../test/support/builders.ts'
import { buildBodyAction } from '../../../test/support/action-builders.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { agendaItemTopics, topics } from './topics.tables.ts'
import { topicPaths } from './topics.paths.ts'

const t = useTestApp()
const db = () => t.db
const published = new Date('2016-01-01T09:00:00Z')

describe('topics', () => {
  it('the secretariat tags items with a new or existing topic; the public page shows one timeline by meeting date', async () => {
    const partnership = await buildPartnership(db(), { slug: 'topics-test' })
    const body = await buildBody(db(), { partnershipId: partnership.id, name: 'Executive T' })
    const july = await buildMeeting(db(), { bodyId: body.id, date: '2016-07-19', status: 'minutes_approved', agendaPublishedAt: published })
    const sept = await buildMeeting(db(), { bodyId: body.id, date: '2016-09-27', status: 'minutes_draft', agendaPublishedAt: published })
    const nov = await buildMeeting(db(), { bodyId: body.id, date: '2016-11-22', status: 'scheduled' })
    const later = await buildAgendaItem(db(), { meetingId: sept.id, title: 'Partnership Updates' })
    const earlier = await buildAgendaItem(db(), { meetingId: july.id, title: 'Our Health, Our Care update' })
    const exempt = await buildAgendaItem(db(), { meetingId: sept.id, position: 1, title: 'CANARY exempt', isExempt: true, exemptParagraph: 3 })
    const unpublished = await buildAgendaItem(db(), { meetingId: nov.id, title: 'CANARY unpublished agenda' })
    await buildDecision(db(), { itemId: earlier.id, text: 'RESOLVED: to note the programme' })
    await buildBodyAction(db(), { bodyId: body.id, itemId: earlier.id, description: 'report back on solution design', dueOn: '2016-09-27' })
    await buildBodyAction(db(), { bodyId: body.id, itemId: earlier.id, description: 'CANARY private action', isPublic: false })

    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })
    const form = await agent.getText(topicPaths.manage.itemTopics(later.id))
    expect(form.status).toBe(200)
    expect((await agent.post(topicPaths.manage.itemTopics(later.id), { action: 'add', name: 'Our Health, Our Care' })).status).toBe(303)
    const [topic] = await db().select().from(topics).where(eq(topics.partnershipId, partnership.id))
    expect(topic).toMatchObject({ name: 'Our Health, Our Care', slug: 'our-health-our-care' })
    // The same name again reuses it; an existing topic can be chosen.
    expect((await agent.post(topicPaths.manage.itemTopics(earlier.id), { action: 'add', name: 'Our health, our care' })).status).toBe(303)
    for (const item of [exempt, unpublished]) {
      await agent.get(topicPaths.manage.itemTopics(item.id))
      expect((await agent.post(topicPaths.manage.itemTopics(item.id), { action: 'add', topicId: topic!.id })).status).toBe(303)
    }
    expect(await db().select().from(topics).where(eq(topics.partnershipId, partnership.id))).toHaveLength(1)
    expect(await db().select().from(agendaItemTopics).where(eq(agendaItemTopics.topicId, topic!.id))).toHaveLength(4)
    const audits = await db().select().from(auditEvents).where(eq(auditEvents.event, 'agenda_item.topic_added'))
    expect(audits.length).toBeGreaterThanOrEqual(4)

    const { status, text } = await new Agent(t.app).getText(topicPaths.public.topic('topics-test', 'our-health-our-care'))
    expect(status).toBe(200)
    expect(text).toContain('<h1 class="govuk-heading-l">Our Health, Our Care</h1>')
    expect(text.indexOf('Tuesday 19 July 2016')).toBeLessThan(text.indexOf('Tuesday 27 September 2016'))
    expect(text).toContain('Our Health, Our Care update')
    expect(text).toContain('Partnership Updates')
    expect(text).toContain('RESOLVED: to note the programme')
    expect(text).toContain('report back on solution design')
    expect(text).not.toContain('CANARY')

    // Linked from the public meeting page.
    const page = await new Agent(t.app).getText(meetingPaths.public.meeting(sept.id))
    expect(page.text).toContain(`href="${topicPaths.public.topic('topics-test', 'our-health-our-care')}"`)
  })

  it('asks for a topic when none is given, and refuses another partnership and the public', async () => {
    const partnership = await buildPartnership(db())
    const item = await buildAgendaItem(db(), { meetingId: (await buildMeeting(db(), { bodyId: (await buildBody(db(), { partnershipId: partnership.id })).id })).id })
    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })
    await agent.get(topicPaths.manage.itemTopics(item.id))
    const res = await agent.post(topicPaths.manage.itemTopics(item.id), { action: 'add', name: '' })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('href="#topicId"')
    const stranger = await signedInAgent(t.app, t.services, { secretariatOf: [(await buildPartnership(db())).id] })
    expect((await stranger.get(topicPaths.manage.itemTopics(item.id))).status).toBe(403)
    expect((await new Agent(t.app).get(topicPaths.manage.itemTopics(item.id))).status).toBe(302)
    expect((await new Agent(t.app).get(topicPaths.public.topic('nope', 'nothing'))).status).toBe(404)
  })

  it('removes a topic from an item (the "Remove" button), and asks again when the topic is missing', async () => {
    const partnership = await buildPartnership(db())
    const item = await buildAgendaItem(db(), { meetingId: (await buildMeeting(db(), { bodyId: (await buildBody(db(), { partnershipId: partnership.id })).id })).id })
    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })
    await agent.get(topicPaths.manage.itemTopics(item.id))
    expect((await agent.post(topicPaths.manage.itemTopics(item.id), { action: 'add', name: 'Town centre' })).status).toBe(303)
    const [topic] = await db().select().from(topics).where(eq(topics.partnershipId, partnership.id))
    expect(await db().select().from(agendaItemTopics).where(eq(agendaItemTopics.itemId, item.id))).toHaveLength(1)
    const bad = await agent.post(topicPaths.manage.itemTopics(item.id), { action: 'remove', topicId: '' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Select a topic')
    const removed = await agent.post(topicPaths.manage.itemTopics(item.id), { action: 'remove', topicId: topic!.id })
    expect(removed.status).toBe(303)
    expect(removed.headers.get('location')).toBe(topicPaths.manage.itemTopics(item.id))
    expect(await db().select().from(agendaItemTopics).where(eq(agendaItemTopics.itemId, item.id))).toHaveLength(0)
  })

  it('is not found when none of its items is public (exempt, under an exempt item, or an unpublished agenda)', async () => {
    const partnership = await buildPartnership(db(), { slug: 'topics-hidden' })
    const body = await buildBody(db(), { partnershipId: partnership.id })
    const held = await buildMeeting(db(), { bodyId: body.id, date: '2016-07-19', status: 'minutes_approved', agendaPublishedAt: published })
    const draft = await buildMeeting(db(), { bodyId: body.id, date: '2016-11-22', status: 'scheduled' })
    const exempt = await buildAgendaItem(db(), { meetingId: held.id, isExempt: true, exemptParagraph: 3 })
    const sub = await buildAgendaItem(db(), { meetingId: held.id, position: 1, parentItemId: exempt.id })
    const unpublished = await buildAgendaItem(db(), { meetingId: draft.id })
    const [topic] = await db().insert(topics).values({ partnershipId: partnership.id, name: 'CANARY Sale of the depot', slug: 'sale-of-the-depot' }).returning()
    await db().insert(agendaItemTopics).values([exempt, sub, unpublished].map((i) => ({ itemId: i.id, topicId: topic!.id })))
    const res = await new Agent(t.app).getText(topicPaths.public.topic('topics-hidden', 'sale-of-the-depot'))
    expect(res.status).toBe(404)
    expect(res.text).not.toContain('CANARY')
    // One public item and it is shown.
    const open = await buildAgendaItem(db(), { meetingId: held.id, position: 2, title: 'Depot update' })
    await db().insert(agendaItemTopics).values({ itemId: open.id, topicId: topic!.id })
    expect((await new Agent(t.app).getText(topicPaths.public.topic('topics-hidden', 'sale-of-the-depot'))).status).toBe(200)
  })

  it('the topic index lists topics with something public, with counts and dates, linked to each page; never a withheld one', async () => {
    const partnership = await buildPartnership(db(), { slug: 'topics-index', name: 'Index Partnership' })
    const body = await buildBody(db(), { partnershipId: partnership.id })
    const july = await buildMeeting(db(), { bodyId: body.id, date: '2016-07-19', status: 'minutes_approved', agendaPublishedAt: published })
    const sept = await buildMeeting(db(), { bodyId: body.id, date: '2016-09-27', status: 'minutes_draft', agendaPublishedAt: published })
    const nov = await buildMeeting(db(), { bodyId: body.id, date: '2016-11-22', status: 'scheduled' })
    const a = await buildAgendaItem(db(), { meetingId: july.id, title: 'Health update' })
    const b = await buildAgendaItem(db(), { meetingId: sept.id, title: 'Health update again' })
    const c = await buildAgendaItem(db(), { meetingId: sept.id, position: 1, title: 'Health sub', parentItemId: b.id })
    const exempt = await buildAgendaItem(db(), { meetingId: sept.id, position: 2, isExempt: true, exemptParagraph: 3 })
    const unpublished = await buildAgendaItem(db(), { meetingId: nov.id })
    const [health, depot, single] = await db()
      .insert(topics)
      .values([
        { partnershipId: partnership.id, name: 'Our Health, Our Care', slug: 'our-health-our-care' },
        { partnershipId: partnership.id, name: 'CANARY Sale of the depot', slug: 'depot' },
        { partnershipId: partnership.id, name: 'Asset review', slug: 'asset-review' },
      ])
      .returning()
    await db().insert(agendaItemTopics).values([
      ...[a, b, c, exempt, unpublished].map((i) => ({ itemId: i.id, topicId: health!.id })),
      ...[exempt, unpublished].map((i) => ({ itemId: i.id, topicId: depot!.id })),
      { itemId: b.id, topicId: single!.id },
    ])
    const anon = new Agent(t.app)
    const index = await anon.getText(topicPaths.public.partnershipTopics('topics-index'))
    expect(index.status).toBe(200)
    expect(index.text).toContain('<h1 class="govuk-heading-l">Topics</h1>')
    const links = [...index.text.matchAll(/<a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)">([^<]+)<\/a><br>\s*<span class="govuk-body-s">([^<]+)</g)].map((m) => [m[1], m[2], m[3]])
    expect(links).toEqual([
      [topicPaths.public.topic('topics-index', 'asset-review'), 'Asset review', '1 item at 1 meeting, 27 September 2016'],
      [topicPaths.public.topic('topics-index', 'our-health-our-care'), 'Our Health, Our Care', '3 items at 2 meetings, 19 July 2016 to 27 September 2016'],
    ])
    expect(index.text).not.toContain('CANARY')
    for (const [href] of links) expect((await anon.get(href!)).status).toBe(200)

    // Every partnership's, grouped under each partnership, and linked from the partnership page and the menu.
    const all = await anon.getText(topicPaths.public.index())
    expect(all.text).toContain('<h2 class="govuk-heading-m"><a class="govuk-link" href="/partnerships/topics-index">Index Partnership</a></h2>')
    expect(all.text).toContain(topicPaths.public.topic('topics-index', 'our-health-our-care'))
    expect(all.text).not.toContain(topicPaths.public.topic('topics-index', 'depot'))
    expect(all.text).toContain('href="/topics"')
    const partnershipPage = await anon.getText('/partnerships/topics-index')
    expect(partnershipPage.text).toContain(`href="${topicPaths.public.partnershipTopics('topics-index')}"`)
    expect((await anon.get(topicPaths.public.partnershipTopics('no-such-partnership'))).status).toBe(404)
  })
})
