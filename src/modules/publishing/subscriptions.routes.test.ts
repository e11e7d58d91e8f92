import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { eq } from 'drizzle-orm'
import type { MailMessage } from '../../platform/mail/mailer.ts'
import { createScheduler } from '../../platform/jobs/scheduler.ts'
import { Agent } from '../../../test/support/app.ts'
import { buildAgendaItem, buildBody, buildDecision, buildMeeting } from '../../../test/support/builders.ts'
import { buildPublicationEvent, buildSubscription } from '../../../test/support/publishing-builders.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'
import { structureRepository } from '../structure/structure.repository.ts'
import { structureService } from '../structure/structure.service.ts'
import { feedPaths } from './feeds.paths.ts'
import { feedsService } from './feeds.service.ts'
import { emailSubscriptions, subscriptionDeliveries } from './publishing.tables.ts'

const t = useTestApp({ publicUrl: 'https://committees.example.org' })
let sent: MailMessage[]
let body: { id: string; slug: string; name: string }
let meeting: { id: string }

const ADDRESS = 'Resident.Reader@example.net'

function linkIn(text: string, path: string): string {
  const m = new RegExp(`https://committees\\.example\\.org(${path.replace(/\//g, '\\/')}[\\w-]+)`).exec(text)
  if (!m) throw new Error(`no ${path} link in: ${text}`)
  return m[1]!
}

async function subscribe(email: string, agent = new Agent(t.app)) {
  await agent.get(feedPaths.subscribe(body.slug))
  return agent.post(feedPaths.subscribe(body.slug), { email })
}

async function subscriptionOf(email: string) {
  const rows = await t.db.select().from(emailSubscriptions)
  return rows.find((r) => r.email.toLowerCase() === email.toLowerCase())
}

/** Subscribe and confirm through the routes; returns the unsubscribe path the alerts will carry. */
async function confirmedSubscriber(email: string): Promise<void> {
  await subscribe(email)
  const confirm = linkIn(sent.at(-1)!.text, '/subscriptions/confirm/')
  const agent = new Agent(t.app)
  await agent.get(confirm)
  expect((await agent.post(confirm)).status).toBe(200)
}

beforeAll(async () => {
  sent = t.services.mailer.sent!
  body = await buildBody(t.db, { name: 'North Board', slug: 'north-board' })
  meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2027-02-09' }, 'minutesDraft')
})

beforeEach(() => {
  sent.length = 0
})

describe('the subscribe form', () => {
  it('shows a labelled email field and the feed links', async () => {
    const { status, text, res } = await new Agent(t.app).getText(feedPaths.subscribe(body.slug))
    expect(status).toBe(200)
    expect(text).toContain('<label class="govuk-label govuk-label--s" for="email">')
    expect(text).toContain(`href="${feedPaths.bodyAtom(body.slug)}"`)
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('re-renders with 400, an error summary and what was typed', async () => {
    const agent = new Agent(t.app)
    await agent.get(feedPaths.subscribe(body.slug))
    const bad = await agent.post(feedPaths.subscribe(body.slug), { email: 'not-an-address' })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expectFormErrors(html, ['email'], ['Enter an email address in the correct format', 'value="not-an-address"'])
    const empty = await agent.post(feedPaths.subscribe(body.slug), { email: '  ' })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('Enter your email address')
    expect(sent).toHaveLength(0)
  })

  it('is 404 for an unknown body', async () => {
    expect((await new Agent(t.app).get(feedPaths.subscribe('no-such-body'))).status).toBe(404)
  })
})

describe('subscribe, confirm, alert, unsubscribe', () => {
  it('round-trips through the routes without ever showing the address', async () => {
    const res = await subscribe(ADDRESS)
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('Check your email')
    expect(page.toLowerCase()).not.toContain(ADDRESS.toLowerCase())

    // The confirmation email: a link with a 43-character token; only its hash is stored.
    expect(sent).toHaveLength(1)
    expect(sent[0]!.to).toBe(ADDRESS)
    expect(sent[0]!.subject).toBe('Confirm your email alerts for North Board')
    const confirm = linkIn(sent[0]!.text, '/subscriptions/confirm/')
    const token = confirm.split('/').pop()!
    expect(token).toMatch(/^[\w-]{43}$/)
    const pending = await subscriptionOf(ADDRESS)
    expect(pending?.status).toBe('pending')
    expect(pending?.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect(pending?.confirmTokenHash).not.toContain(token)
    const days = (pending!.confirmExpiresAt!.getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThanOrEqual(7)

    // An event before confirmation is never sent.
    await buildPublicationEvent(t.db, { meetingId: meeting.id, kind: 'agenda_published' })

    // GET does not confirm (link scanners); POST does.
    const agent = new Agent(t.app)
    const view = await agent.getText(confirm)
    expect(view.status).toBe(200)
    expect(view.text).toContain('>\n  Confirm\n</button>')
    expect(view.res.headers.get('x-robots-tag')).toBe('noindex, nofollow')
    expect((await subscriptionOf(ADDRESS))?.status).toBe('pending')
    const confirmed = await agent.post(confirm)
    expect(confirmed.status).toBe(200)
    const confirmedHtml = await confirmed.text()
    expect(confirmedHtml).toContain('Email alerts confirmed')
    expect(confirmedHtml.toLowerCase()).not.toContain(ADDRESS.toLowerCase())
    expect((await subscriptionOf(ADDRESS))?.status).toBe('confirmed')
    // The link is used up.
    expect((await agent.post(confirm)).status).toBe(404)

    await t.services.feeds.subscriptions.sendAlerts()
    expect(sent.filter((m) => m.subject.startsWith('Agenda published'))).toHaveLength(0)

    // A new event with decisions: one alert, with only public content and a one-click unsubscribe.
    const open = await buildAgendaItem(t.db, { meetingId: meeting.id, title: 'Parks strategy', position: 1 })
    await buildDecision(t.db, { itemId: open.id, text: 'RESOLVED: to adopt the parks strategy' })
    const exempt = await buildAgendaItem(t.db, { meetingId: meeting.id, title: 'Land sale', position: 2, isExempt: true, exemptParagraph: 3 })
    await buildDecision(t.db, { itemId: exempt.id, text: 'EXEMPT-ALERT-CANARY' })
    await buildPublicationEvent(t.db, { meetingId: meeting.id, kind: 'minutes_published' })
    sent.length = 0
    const report = await t.services.feeds.subscriptions.sendAlerts()
    expect(report).toEqual({ sent: 1, skipped: 0, failed: 0 })
    expect(sent).toHaveLength(1)
    const alert = sent[0]!
    expect(alert.to).toBe(ADDRESS)
    expect(alert.subject).toBe('Draft minutes published: North Board, 9 February 2027')
    expect(alert.text).toContain(`https://committees.example.org/meetings/${meeting.id}`)
    expect(alert.text).toContain('Parks strategy: RESOLVED: to adopt the parks strategy')
    expect(alert.text).not.toContain('EXEMPT-ALERT-CANARY')
    expect(alert.text).not.toContain('Land sale')
    const unsubscribe = linkIn(alert.text, '/subscriptions/unsubscribe/')
    expect(alert.headers).toEqual({
      'List-Unsubscribe': `<https://committees.example.org${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })

    // Sent once: a second run sends nothing.
    sent.length = 0
    expect(await t.services.feeds.subscriptions.sendAlerts()).toEqual({ sent: 0, skipped: 0, failed: 0 })
    expect(sent).toHaveLength(0)

    // The unsubscribe page shows a button; a mail client's one-click POST needs no cookie or CSRF token.
    const unsubPage = await new Agent(t.app).getText(unsubscribe)
    expect(unsubPage.status).toBe(200)
    expect(unsubPage.text).toContain('Stop email alerts for North Board')
    expect((await subscriptionOf(ADDRESS))?.status).toBe('confirmed')
    const oneClick = await t.app.request(`http://localhost${unsubscribe}`, {
      method: 'POST',
      headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(oneClick.status).toBe(200)
    expect(await oneClick.text()).toContain('You have unsubscribed')
    expect((await subscriptionOf(ADDRESS))?.status).toBe('unsubscribed')
    // Again: still fine (idempotent).
    expect((await t.app.request(`http://localhost${unsubscribe}`, { method: 'POST', headers: { host: 'localhost' } })).status).toBe(200)

    await buildPublicationEvent(t.db, { meetingId: meeting.id, kind: 'minutes_approved' })
    await t.services.feeds.subscriptions.sendAlerts()
    expect(sent).toHaveLength(0)
  })

  it('keeps unsubscribe links working after SESSION_SECRET changes (the alert re-keys the stored hash)', async () => {
    await confirmedSubscriber('rotated@example.net')
    const row = await subscriptionOf('rotated@example.net')
    // As if the secret had changed since they subscribed: the stored hash no longer matches the derived token.
    await t.db.update(emailSubscriptions).set({ unsubscribeTokenHash: 'stale-after-rotation' }).where(eq(emailSubscriptions.id, row!.id))
    await buildPublicationEvent(t.db, { meetingId: meeting.id, kind: 'meeting_moved' })
    sent.length = 0
    await t.services.feeds.subscriptions.sendAlerts()
    const alert = sent.find((m) => m.to === 'rotated@example.net')
    expect(alert).toBeDefined()
    const unsubscribe = linkIn(alert!.text, '/subscriptions/unsubscribe/')
    const res = await t.app.request(`http://localhost${unsubscribe}`, { method: 'POST', headers: { host: 'localhost' } })
    expect(res.status).toBe(200)
    expect((await subscriptionOf('rotated@example.net'))?.status).toBe('unsubscribed')
  })

  it('answers the same whether or not the address is already subscribed', async () => {
    await confirmedSubscriber('known@example.net')
    sent.length = 0
    const known = await subscribe('KNOWN@example.net')
    const unknown = await subscribe('stranger@example.net')
    expect(known.status).toBe(unknown.status)
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]+"/g, '')
    expect(withoutNonce(await known.text())).toBe(withoutNonce(await unknown.text()))
    // The subscriber is told nothing changed; no second subscription is made.
    expect(sent.map((m) => m.subject)).toEqual(['You already get email alerts for North Board', 'Confirm your email alerts for North Board'])
    expect((await t.db.select().from(emailSubscriptions)).filter((r) => r.email.toLowerCase() === 'known@example.net')).toHaveLength(1)
    expect((await subscriptionOf('known@example.net'))?.status).toBe('confirmed')
  })

  it('lets someone who unsubscribed subscribe again', async () => {
    await confirmedSubscriber('again@example.net')
    const row = (await subscriptionOf('again@example.net'))!
    await t.db.update(emailSubscriptions).set({ status: 'unsubscribed', unsubscribedAt: new Date() }).where(eq(emailSubscriptions.id, row.id))
    await confirmedSubscriber('again@example.net')
    expect((await subscriptionOf('again@example.net'))?.status).toBe('confirmed')
  })
})

describe('links that cannot be used', () => {
  it('shows a clear page for unknown and expired links, never a 500', async () => {
    const unknownConfirm = await new Agent(t.app).getText(feedPaths.confirm('x'.repeat(43)))
    expect(unknownConfirm.status).toBe(404)
    expect(unknownConfirm.text).toContain('This link is not valid')
    const agent = new Agent(t.app)
    await agent.get('/')
    expect((await agent.post(feedPaths.confirm('y'.repeat(43)))).status).toBe(404)

    await subscribe('late@example.net')
    const confirm = linkIn(sent.at(-1)!.text, '/subscriptions/confirm/')
    const row = (await subscriptionOf('late@example.net'))!
    await t.db.update(emailSubscriptions).set({ confirmExpiresAt: new Date(Date.now() - 1000) }).where(eq(emailSubscriptions.id, row.id))
    const expired = await new Agent(t.app).getText(confirm)
    expect(expired.status).toBe(410)
    expect(expired.text).toContain('This link has expired')
    const a2 = new Agent(t.app)
    await a2.get('/')
    expect((await a2.post(confirm)).status).toBe(410)
    expect((await subscriptionOf('late@example.net'))?.status).toBe('pending')

    const unknownUnsub = await new Agent(t.app).getText(feedPaths.unsubscribe('z'.repeat(43)))
    expect(unknownUnsub.status).toBe(404)
    expect(unknownUnsub.text).toContain('This link is not valid')
    const post = await t.app.request(`http://localhost${feedPaths.unsubscribe('z'.repeat(43))}`, { method: 'POST', headers: { host: 'localhost' } })
    expect(post.status).toBe(404)
    // Only the unsubscribe path is exempt from CSRF: a confirm POST without a token is refused.
    const forged = await t.app.request(`http://localhost${confirm}`, { method: 'POST', headers: { host: 'localhost' } })
    expect(forged.status).toBe(403)
  })
})

describe('the alert job', () => {
  it('claims each delivery once, skips what another run claimed, and passes events that are not public', async () => {
    const b = await buildBody(t.db, { slug: 'south-board', name: 'South Board' })
    const m = await buildMeeting(t.db, { bodyId: b.id, date: '2027-03-02' }, 'agendaPublished')
    const hidden = await buildMeeting(t.db, { bodyId: b.id, date: '2027-03-30' })
    const hiddenItem = await buildAgendaItem(t.db, { meetingId: hidden.id, title: 'HIDDEN-AGENDA-CANARY' })
    await buildDecision(t.db, { itemId: hiddenItem.id, text: 'HIDDEN-DECISION-CANARY' })
    const one = await buildSubscription(t.db, { bodyId: b.id, email: 'one@example.net', status: 'confirmed' })
    const two = await buildSubscription(t.db, { bodyId: b.id, email: 'two@example.net', status: 'confirmed' })
    await buildPublicationEvent(t.db, { meetingId: hidden.id, kind: 'agenda_published' })
    await buildPublicationEvent(t.db, { meetingId: hidden.id, kind: 'minutes_published' })
    const event = await buildPublicationEvent(t.db, { meetingId: m.id, kind: 'agenda_published' })
    // Another instance already sent `two` this event.
    await t.db.insert(subscriptionDeliveries).values({ subscriptionId: two.id, eventId: event.id })
    // Too recent: left for a later run.
    const fresh = await buildPublicationEvent(t.db, { meetingId: m.id, kind: 'meeting_moved', occurredAt: new Date() })

    // Through the scheduler, twice (two instances, or two periods): sent once.
    const scheduler = (id: string, at: Date) => {
      const s = createScheduler(t.db, { instanceId: id, now: () => at })
      for (const [name, job] of Object.entries(t.services.feeds.alertJobs())) s.registerJob(name, job)
      return s
    }
    expect(await scheduler('a', new Date()).tick()).toEqual([expect.objectContaining({ name: 'email_alerts.send', outcome: 'ran' })])
    expect(await scheduler('b', new Date(Date.now() + 11 * 60_000)).tick()).toEqual([expect.objectContaining({ outcome: 'ran' })])
    const toSouth = sent.filter((msg) => msg.to.endsWith('@example.net') && /^(one|two)@/.test(msg.to))
    expect(toSouth.map((msg) => `${msg.to} ${msg.subject}`)).toEqual(['one@example.net Agenda published: South Board, 2 March 2027'])
    for (const msg of sent) {
      expect(msg.text).not.toContain('HIDDEN')
    }
    const rows = await t.db.select().from(emailSubscriptions)
    for (const sub of [one, two]) {
      const row = rows.find((r) => r.id === sub.id)!
      // Past the public event and the hidden ones, not past the event still settling.
      expect(row.lastEventId).toBe(event.id)
      expect(row.lastEventId).toBeLessThan(fresh.id)
    }
  })

  it('sends nothing to pending or unsubscribed subscriptions', async () => {
    const b = await buildBody(t.db, { slug: 'east-board', name: 'East Board' })
    const m = await buildMeeting(t.db, { bodyId: b.id }, 'agendaPublished')
    await buildSubscription(t.db, { bodyId: b.id, email: 'pending@example.net', status: 'pending' })
    await buildSubscription(t.db, { bodyId: b.id, email: 'gone@example.net', status: 'unsubscribed' })
    await buildPublicationEvent(t.db, { meetingId: m.id, kind: 'agenda_published' })
    await t.services.feeds.subscriptions.sendAlerts()
    expect(sent.filter((msg) => msg.to === 'pending@example.net' || msg.to === 'gone@example.net')).toHaveLength(0)
  })
})

describe('throttling', () => {
  it('limits requests per client, and emails per address without saying so', async () => {
    const db = t.db
    const { structure, meetings } = t.services
    const captured: MailMessage[] = []
    const feeds = feedsService(db, {
      structure,
      meetings,
      config: t.services.config,
      mailer: { send: (m) => (captured.push(m), Promise.resolve()) },
      subscriptions: { perClientPerHour: 4, perAddressPerHour: 2 },
    })
    const subs = feeds.subscriptions
    expect(await subs.subscribe(body.slug, 'flood@example.net', 'client-a')).toEqual({ state: 'accepted' })
    expect(await subs.subscribe(body.slug, 'flood@example.net', 'client-a')).toEqual({ state: 'accepted' })
    expect(await subs.subscribe(body.slug, 'Flood@example.net', 'client-b')).toEqual({ state: 'accepted' })
    expect(captured).toHaveLength(2)
    expect(await subs.subscribe(body.slug, 'other@example.net', 'client-a')).toEqual({ state: 'accepted' })
    expect(await subs.subscribe(body.slug, 'third@example.net', 'client-a')).toEqual({ state: 'accepted' })
    expect(await subs.subscribe(body.slug, 'fourth@example.net', 'client-a')).toMatchObject({ state: 'too_many' })
    expect(captured).toHaveLength(4)
  })
})

describe('sending the confirmation', () => {
  const ownFeeds = (mailer: { send: (m: MailMessage) => Promise<void> }) => {
    const { structure, meetings } = t.services
    return feedsService(t.db, { structure, meetings, config: t.services.config, mailer })
  }
  const rowOf = async (email: string) => (await t.db.select().from(emailSubscriptions).where(eq(emailSubscriptions.email, email)))[0]

  it('sends after the request is saved, with no transaction held open while the mail server answers', async () => {
    const seen: (string | undefined)[] = []
    const feeds = ownFeeds({
      send: async (m) => {
        // Read through another path than the request's: inside an open transaction this would not see the
        // row (PostgreSQL) or would wait for the transaction to end (PGlite), so give up after 5 s.
        const row = await Promise.race([rowOf('patient@example.net'), new Promise<undefined>((r) => setTimeout(() => r(undefined), 5_000))])
        seen.push(`${m.to} ${row?.status ?? 'not visible'}`)
      },
    })
    expect(await feeds.subscriptions.subscribe(body.slug, 'patient@example.net', 'client-send')).toEqual({ state: 'accepted' })
    expect(seen).toEqual(['patient@example.net pending'])
  })

  it('says so when the mail server fails, and sends a working link when asked again', async () => {
    let failing = true
    const captured: MailMessage[] = []
    const feeds = ownFeeds({
      send: (m) => (failing ? Promise.reject(new Error('connection refused')) : (captured.push(m), Promise.resolve())),
    })
    await expect(feeds.subscriptions.subscribe(body.slug, 'retry@example.net', 'client-retry')).rejects.toThrow('We could not send the email. Try again later.')
    expect((await rowOf('retry@example.net'))?.status).toBe('pending')
    failing = false
    expect(await feeds.subscriptions.subscribe(body.slug, 'retry@example.net', 'client-retry')).toEqual({ state: 'accepted' })
    expect(captured).toHaveLength(1)
    const link = /\/subscriptions\/confirm\/[\w-]+/.exec(captured[0]!.text)![0]
    expect(await feeds.subscriptions.confirm(link.split('/').pop()!)).toMatchObject({ state: 'valid' })
    expect((await rowOf('retry@example.net'))?.status).toBe('confirmed')
  })

  it('refuses before saving anything when email is switched off', async () => {
    const off = feedsService(t.db, {
      structure: structureService(t.db, structureRepository(t.db)),
      meetings: t.services.meetings,
      config: t.services.config,
      mailer: { kind: 'disabled', send: () => Promise.reject(new Error('off')) },
    })
    await expect(off.subscriptions.subscribe(body.slug, 'nobody@example.net', 'client-off')).rejects.toThrow('Email alerts are not available')
    expect(await rowOf('nobody@example.net')).toBeUndefined()
  })
})

describe('privacy', () => {
  it('never shows a subscriber address on a public page or feed', async () => {
    await confirmedSubscriber('private.person@example.net')
    const anon = new Agent(t.app)
    for (const path of [
      `/bodies/${body.slug}`,
      `/meetings/${meeting.id}`,
      feedPaths.bodyAtom(body.slug),
      feedPaths.bodyRss(body.slug),
      feedPaths.subscribe(body.slug),
      '/',
    ]) {
      const { status, text } = await anon.getText(path)
      expect(status, path).toBe(200)
      expect(text.toLowerCase(), path).not.toContain('private.person')
      expect(text.toLowerCase(), path).not.toContain('resident.reader')
    }
  })
})
