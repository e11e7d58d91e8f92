import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../src/platform/db/client.ts'
import type { CurrentUser } from '../src/platform/http/types.ts'
import { meetingPaths } from '../src/modules/meetings/meetings.paths.ts'
import { publicRecordStamp } from '../src/platform/cache/render-cache.ts'
import { createTestDatabase, testDbKind } from './support/db.ts'
import { Agent, createTestApp, signedInAgent } from './support/app.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildPartnership, buildUser } from './support/builders.ts'

/**
 * The public render cache on the real app: hits and 304s for anonymous visitors, never for staff, and
 * invalidation through the services, including across two app instances on one database.
 */
let database: Database
let second: Database | null = null
let a: ReturnType<typeof createTestApp>
let b: ReturnType<typeof createTestApp>

beforeAll(async () => {
  database = await createTestDatabase()
  a = createTestApp(database)
  if (database.kind === 'postgres') {
    // Another instance has its own pool to the same PostgreSQL database.
    second = await openDatabase({ kind: 'postgres', url: database.pool!.options.connectionString!, max: 2 })
    b = createTestApp(second)
  } else {
    // PGlite is one process's database: a second instance shares the Database object.
    b = createTestApp(database)
  }
})
afterAll(async () => {
  expect(a.logger.errors).toEqual([])
  expect(b.logger.errors).toEqual([])
  await second?.close()
  await database.close()
})

const P = meetingPaths

async function scenario() {
  const db = database.db
  const partnership = await buildPartnership(db)
  const body = await buildBody(db, { partnershipId: partnership.id })
  const meeting = await buildMeeting(db, { bodyId: body.id, date: '2015-02-10' }, 'agendaPublished')
  await buildAgendaItem(db, { meetingId: meeting.id, title: 'Community safety update', position: 0, minutes: 'CACHE-DRAFT-MINUTES noted the update' })
  const secretary = await buildUser(db, { secretariatOf: [partnership.id] })
  const user = (await a.services.accounts.currentUser(secretary.id)) as CurrentUser
  return { partnership, body, meeting, user }
}

const anonymous = (app: ReturnType<typeof createTestApp>, path: string, headers: Record<string, string> = {}) =>
  app.app.request(`http://localhost${path}`, { headers: { host: 'localhost', ...headers } })

describe('public render cache', () => {
  it('serves the public meeting page from the cache with an ETag, 304 on revalidation, and no cookie', async () => {
    const s = await scenario()
    const path = P.public.meeting(s.meeting.id)
    const first = await anonymous(a, path)
    expect(first.status).toBe(200)
    expect(first.headers.get('x-cache')).toBe('miss')
    expect(first.headers.getSetCookie()).toEqual([])
    const html = await first.text()
    expect(html).toContain('Community safety update')
    expect(html).not.toContain('name="_csrf"')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"/)
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate')

    const hit = await anonymous(a, path)
    expect(hit.headers.get('x-cache')).toBe('hit')
    expect(await hit.text()).toBe(html)
    // The GOV.UK template's inline script is allowed by its hash: the CSP matches the body and no nonce is replayed.
    const csp = hit.headers.get('content-security-policy')!
    expect(csp).toBe(first.headers.get('content-security-policy'))
    expect(csp).not.toContain('nonce-')
    const inline = /<script[^>]*>([^<]+)<\/script>/.exec(html)![1]!
    expect(csp).toContain(`'sha256-${createHash('sha256').update(inline).digest('base64')}'`)

    const notModified = await anonymous(a, path, { 'if-none-match': etag })
    expect(notModified.status).toBe(304)
    expect(await notModified.text()).toBe('')
  })

  it('never caches for signed-in users, nor staff pages', async () => {
    const s = await scenario()
    const path = P.public.meeting(s.meeting.id)
    await anonymous(a, path)
    expect((await anonymous(a, path)).headers.get('x-cache')).toBe('hit')
    const staff = await signedInAgent(a.app, a.services, { secretariatOf: [s.partnership.id] })
    for (let i = 0; i < 2; i++) {
      const res = await staff.get(path)
      expect(res.headers.get('x-cache')).toBe('miss')
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('etag')).toBeNull()
      expect(await res.text()).toContain('Sign out') // the page as the signed-in user sees it, not the cached one
    }
    for (let i = 0; i < 2; i++) {
      const manage = await staff.get(P.manage.meeting(s.meeting.id))
      expect(manage.status).toBe(200)
      expect(manage.headers.get('x-cache')).not.toBe('hit')
    }
    // The anonymous copy does not carry the staff user's page.
    expect(await (await anonymous(a, path)).text()).not.toContain('Sign out')
  })

  it('never shares a page with a CSRF token: the sign-in form gets each visitor their own token', async () => {
    const one = new Agent(a.app)
    const two = new Agent(a.app)
    const r1 = await one.get('/sign-in')
    const r2 = await two.get('/sign-in')
    expect(r1.headers.get('x-cache')).not.toBe('hit')
    expect(r2.headers.get('x-cache')).not.toBe('hit')
    expect(one.csrf).toBeTruthy()
    expect(one.csrf).not.toBe(two.csrf)
  })

  it('shows a change made through the services at once (publishing draft minutes)', async () => {
    const s = await scenario()
    const path = P.public.meeting(s.meeting.id)
    const before = await anonymous(a, path)
    expect(await before.text()).not.toContain('CACHE-DRAFT-MINUTES')
    expect((await anonymous(a, path)).headers.get('x-cache')).toBe('hit')
    await a.services.minutes.publishDraftMinutes(s.meeting.id, s.user, { version: s.meeting.version })
    const after = await anonymous(a, path, { 'if-none-match': before.headers.get('etag')! })
    expect(after.status).toBe(200)
    expect(after.headers.get('x-cache')).toBe('miss')
    expect(await after.text()).toContain('CACHE-DRAFT-MINUTES')
  })

  it('reads a new stamp after any change: builder, raw SQL, a transaction, a statement running during the read', async () => {
    const read = publicRecordStamp(database)
    const first = await read()
    expect(await read()).toBe(first)
    await buildPartnership(database.db)
    const second = await read()
    expect(second).not.toBe(first)
    await database.exec(`update partnerships set name = name where false`)
    const third = await read()
    expect(third).not.toBe(second)
    await database.db.transaction(async (tx) => {
      await buildPartnership(tx)
    })
    const fourth = await read()
    expect(fourth).not.toBe(third)
    // A write issued while a read is in flight is seen by the next read.
    const reading = read()
    const writing = buildPartnership(database.db)
    await Promise.all([reading, writing])
    expect(await read()).not.toBe(fourth)
    expect(await read()).toBe(await read())
  })

  it.skipIf(testDbKind === 'postgres')('on PGlite, reuses the stamp while no other statement ran', async () => {
    const own = await createTestDatabase()
    try {
      const pglite = own.pglite!
      let queries = 0
      const original = pglite.query.bind(pglite)
      pglite.query = ((...args: Parameters<typeof original>) => {
        queries++
        return original(...args)
      }) as typeof pglite.query
      const read = publicRecordStamp(own)
      const first = await read()
      expect(await read()).toBe(first)
      expect(await read()).toBe(first)
      expect(queries).toBe(1)
      await buildPartnership(own.db)
      const afterWrite = queries
      expect(await read()).not.toBe(first)
      expect(queries).toBe(afterWrite + 1)
    } finally {
      await own.close()
    }
  })

  it('gives the same content the same ETag on every render and instance: no nonce in stored pages, 304 after a re-render', async () => {
    const s = await scenario()
    const path = P.public.meeting(s.meeting.id)
    const fromA = await anonymous(a, path)
    const fromB = await anonymous(b, path)
    expect(fromA.headers.get('x-cache')).toBe('miss')
    expect(fromB.headers.get('x-cache')).toBe('miss')
    const html = await fromA.text()
    expect(html).toContain('Community safety update')
    expect(html).toContain('<script type="module" src="/static/app.js">')
    expect(html).not.toContain('nonce=')
    expect(await fromB.text()).toBe(html)
    const etag = fromA.headers.get('etag')!
    expect(fromB.headers.get('etag')).toBe(etag)
    // The CSP still allows the template's inline script (by hash) and the module scripts ('self').
    expect(fromB.headers.get('content-security-policy')).toContain("script-src 'self' 'sha256-")

    // An unrelated change moves the stamp: the page is rendered again, to the same bytes, so the old ETag gets a 304.
    await buildPartnership(database.db)
    for (const app of [a, b]) {
      const revalidated = await anonymous(app, path, { 'if-none-match': etag })
      expect(revalidated.headers.get('x-cache')).toBe('miss')
      expect(revalidated.status).toBe(304)
      expect(revalidated.headers.get('etag')).toBe(etag)
    }
  })

  it('invalidates across two app instances on one database', async () => {
    const s = await scenario()
    const path = P.public.meeting(s.meeting.id)
    const bodyPath = `/bodies/${s.body.slug}`
    for (const app of [a, b]) {
      for (const p of [path, bodyPath]) await anonymous(app, p)
      expect((await anonymous(app, path)).headers.get('x-cache')).toBe('hit')
      expect((await anonymous(app, bodyPath)).headers.get('x-cache')).toBe('hit')
    }
    expect(await (await anonymous(b, path)).text()).not.toContain('CACHE-DRAFT-MINUTES')

    // A change through instance A's services ...
    await a.services.minutes.publishDraftMinutes(s.meeting.id, s.user, { version: s.meeting.version })

    // ... is served by instance B on its very next request, without anything telling B directly.
    const fromB = await anonymous(b, path)
    expect(fromB.headers.get('x-cache')).toBe('miss')
    expect(await fromB.text()).toContain('CACHE-DRAFT-MINUTES')
    expect((await anonymous(b, path)).headers.get('x-cache')).toBe('hit')
    const fromA = await anonymous(a, path)
    expect(await fromA.text()).toContain('CACHE-DRAFT-MINUTES')

    // A change through instance B's services reaches A's cached body page too.
    const body = s.body
    expect(await (await anonymous(a, bodyPath)).text()).not.toContain('Renamed Cache Board')
    await b.services.structure.updateBody({ userId: s.user.id }, body.id, {
      name: 'Renamed Cache Board',
      kind: body.kind,
      regime: body.regime,
      termsOfReference: body.termsOfReference ?? undefined,
      quorum: body.quorum ?? undefined,
      meetingFrequency: body.meetingFrequency ?? undefined,
      accountableToBodyId: body.accountableToBodyId ?? undefined,
      numberingScheme: body.numberingScheme,
      nextItemNumber: body.nextItemNumber,
      noticeClearDays: body.noticeClearDays,
      region: body.region,
      version: body.version,
    })
    const bodyFromA = await anonymous(a, bodyPath)
    expect(bodyFromA.headers.get('x-cache')).toBe('miss')
    expect(await bodyFromA.text()).toContain('Renamed Cache Board')
  })
})
