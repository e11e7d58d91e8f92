import { beforeAll, describe, expect, it } from 'vitest'
import { and, desc, eq } from 'drizzle-orm'
import { Agent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildMeeting, buildPartnership, buildUser } from '../../../test/support/builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { londonToday } from '../../shared/dates.ts'
import { userPartnershipRoles } from '../accounts/accounts.tables.ts'
import type { BodyInput } from '../structure/structure.schemas.ts'

const t = useTestApp()

const ids = { chorley: '', glos: '', chorleyBody: '', secret: 0 }
const EVIL_NAME = '=HYPERLINK("http://evil.example","Click")'
const COMMA_NAME = 'Smith, "Jo"'
let admin: Agent
let chorleySec: Agent
let glosSec: Agent
let readOnly: Agent
let member: Agent

const body = (name: string): BodyInput => ({
  name,
  kind: 'board',
  regime: 'informal',
  numberingScheme: 'per_meeting',
  nextItemNumber: 1,
  noticeClearDays: 5,
  region: 'england-and-wales',
})

async function agentFor(user: { email: string }): Promise<Agent> {
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

beforeAll(async () => {
  ids.chorley = (await buildPartnership(t.db, { name: 'Chorley Together' })).id
  ids.glos = (await buildPartnership(t.db, { name: 'Gloucestershire Partnership' })).id
  const evil = await buildUser(t.db, { displayName: EVIL_NAME, email: 'evil@chorley.example', secretariatOf: [ids.chorley] })
  const comma = await buildUser(t.db, { displayName: COMMA_NAME, email: 'jo@glos.example', secretariatOf: [ids.glos] })
  const officer = await buildUser(t.db, { displayName: 'Read Only Rita', email: 'rita@chorley.example' })
  await t.db.insert(userPartnershipRoles).values({ userId: officer.id, partnershipId: ids.chorley, role: 'read_only' })
  const plain = await buildUser(t.db, { displayName: 'Plain Member', email: 'member@chorley.example' })
  chorleySec = await agentFor(evil)
  glosSec = await agentFor(comma)
  readOnly = await agentFor(officer)
  member = await agentFor(plain)
  admin = await agentFor(await buildUser(t.db, { isAdmin: true, displayName: 'Ada Admin', email: 'ada@example.org' }))
  ids.chorleyBody = (await t.services.structure.createBody({ userId: evil.id }, ids.chorley, body('Chorley Board'))).id
  await t.services.structure.createBody({ userId: comma.id }, ids.glos, body('Gloucestershire Board'))
  // An event whose data holds what must never be shown (as a careless future event might).
  const [row] = await t.db
    .insert(auditEvents)
    .values({
      actorUserId: evil.id,
      partnershipId: ids.chorley,
      event: 'partnership.updated',
      subjectType: 'partnership',
      subjectId: ids.chorley,
      data: { passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA', token: 'tok-abcdef', note: `ju_${'x'.repeat(40)}`, reason: 'kept' },
    })
    .returning({ id: auditEvents.id })
  ids.secret = row!.id
})

describe('access', () => {
  it('sends anonymous visitors to sign in (401 for JSON), and refuses anyone but admins and secretariats with 403', async () => {
    for (const path of ['/manage/audit', '/manage/audit.csv']) {
      const res = await t.app.request(`http://localhost${path}`)
      expect(res.status, path).toBe(302)
      expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`)
      expect((await t.app.request(`http://localhost${path}`, { headers: { accept: 'application/json' } })).status).toBe(401)
      expect((await readOnly.get(path)).status, path).toBe(403)
      expect((await member.get(path)).status, path).toBe(403)
    }
  })

  it('shows a secretariat its partnership’s events only, and an admin everything, sign-ins included', async () => {
    const chorley = await chorleySec.getText('/manage/audit')
    expect(chorley.status).toBe(200)
    expect(chorley.res.headers.get('cache-control')).toBe('no-store')
    expect(chorley.text).toContain('Body: Chorley Board')
    expect(chorley.text).toContain(`href="/manage/bodies/${ids.chorleyBody}"`)
    expect(chorley.text).toContain('Body created')
    expect(chorley.text).toContain('body.created')
    expect(chorley.text).not.toContain('Gloucestershire Board')
    // (the event filter lists every event name; the table's rows print theirs in <code>)
    expect(chorley.text).not.toContain('>user.signed_in</code>')

    const glos = await glosSec.getText('/manage/audit')
    expect(glos.text).toContain('Gloucestershire Board')
    expect(glos.text).not.toContain('Chorley Board')
    expect(glos.text).not.toContain('HYPERLINK')

    const all = await admin.getText('/manage/audit')
    expect(all.text).toContain('Chorley Board')
    expect(all.text).toContain('Gloucestershire Board')
    expect(all.text).toContain('>user.signed_in</code>')
  })

  it('never shows password hashes, tokens or codes in details', async () => {
    const page = await chorleySec.getText(`/manage/audit?type=partnership&id=${ids.chorley}`)
    expect(page.text).toContain('(hidden)')
    expect(page.text).toContain('kept')
    for (const secret of ['scrypt$', 'tok-abcdef', 'ju_xxxx']) expect(page.text).not.toContain(secret)
  })

  it('links the audit log and people’s accounts from the manage home, and change password from the account area', async () => {
    const home = await (await chorleySec.get('/manage')).text()
    expect(home).toContain('href="/manage/audit"')
    expect(home).toContain('href="/manage/users"')
    expect(home).toContain('href="/account"')
    const memberHome = await (await member.get('/manage')).text()
    expect(memberHome).not.toContain('href="/manage/audit"')
    expect(memberHome).not.toContain('href="/manage/users"')
    expect(await (await member.get('/account')).text()).toContain('href="/account/password"')
  })
})

describe('filters and pages', () => {
  it('keeps what was typed and explains a wrong date with a GOV.UK error summary (400)', async () => {
    const res = await admin.getText('/manage/audit?user=jane&from-day=31&from-month=2&from-year=2026&to-day=&to-month=3&to-year=2026')
    expect(res.status).toBe(400)
    expect(res.text).toContain('There is a problem')
    expect(res.text).toContain('href="#from-day"')
    expect(res.text).toContain('The ‘from’ date must be a real date')
    expect(res.text).toContain('href="#to-day"')
    expect(res.text).toContain('The ‘to’ date must include a day')
    expect(res.text).toMatch(/id="from-day" name="from-day" type="text" value="31"/)
    expect(res.text).toMatch(/name="user" type="text" spellcheck="false" value="jane"/)
    expect(res.text).toContain('govuk-input--error')
    expect(res.text).toContain('<title>Error: Audit log')
    expect((await admin.get('/manage/audit.csv?from-day=31&from-month=2&from-year=2026')).status).toBe(400)
  })

  it('filters by record (a meeting page links to its history), and pages to older events and back by id', async () => {
    const meeting = await buildMeeting(t.db, { bodyId: ids.chorleyBody })
    const meetingPage = await (await chorleySec.get(`/manage/meetings/${meeting.id}`)).text()
    expect(meetingPage).toContain(`href="/manage/audit?type=meeting&amp;id=${meeting.id}"`)
    const history = await chorleySec.getText(`/manage/audit?type=meeting&id=${meeting.id}`)
    expect(history.status).toBe(200)
    expect(history.text).toMatch(/name="id" type="text" spellcheck="false" value="[0-9a-f-]{36}"/)

    const page = await admin.getText(`/manage/audit?type=body&id=${ids.chorleyBody}`)
    expect(page.text).toContain('Chorley Board')
    expect(page.text).not.toContain('Gloucestershire Board')
    const [newest] = await t.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(1)
    const older = await admin.getText(`/manage/audit?after=${newest!.id}`)
    expect(older.status).toBe(200)
    expect(older.text).toContain('Newer events')
    expect(older.text).toMatch(/href="\/manage\/audit\?before=\d+"/)
    expect(older.text).not.toContain(`id="event-${newest!.id}"`)
    expect(older.text).toContain('Back to the newest events')
  })
})

describe('download as CSV', () => {
  /** The records of a CSV (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks). */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = []
    let row: string[] = []
    let cell = ''
    let quoted = false
    const endCell = () => {
      row.push(cell)
      cell = ''
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!
      if (quoted && ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (quoted && ch === '"') quoted = false
      else if (quoted) cell += ch
      else if (ch === '"') quoted = true
      else if (ch === ',') endCell()
      else if (ch === '\r' && text[i + 1] === '\n') {
        endCell()
        rows.push(row)
        row = []
        i++
      } else cell += ch
    }
    return rows
  }

  it('streams the filtered events as RFC 4180 CSV, formula-safe, named with the date', async () => {
    const res = await chorleySec.get('/manage/audit.csv?event=body.created')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="audit-log-${londonToday()}.csv"`)
    expect(res.body).toBeInstanceOf(ReadableStream)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // a UTF-8 byte order mark, for Excel
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    expect(text.startsWith('\uFEFFEvent id,When (London),When (UTC),Who,')).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    // The actor's name would be a formula: it is text, quoted because it holds commas and quotes.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`)
    const [header, ...records] = parseCsv(text.slice(1))
    expect(records).toHaveLength(1)
    const record = Object.fromEntries(header!.map((h, i) => [h, records[0]![i]]))
    expect(record).toMatchObject({ Who: `'${EVIL_NAME}`, Email: 'evil@chorley.example', What: 'Body created', Event: 'body.created', 'Record type': 'body', 'Record id': ids.chorleyBody, Partnership: 'Chorley Together' })
    expect(JSON.parse(record.Details!)).toMatchObject({ name: 'Chorley Board', partnershipId: ids.chorley })
    expect(record['When (London)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
  })

  it('quotes commas and quotes, keeps another partnership’s events out, and hides secrets', async () => {
    const glos = await (await glosSec.get('/manage/audit.csv')).text()
    expect(glos).toContain('"Smith, ""Jo"""')
    expect(glos).not.toContain('Chorley')
    const chorley = await (await chorleySec.get('/manage/audit.csv')).text()
    expect(chorley).toContain('(hidden)')
    for (const secret of ['scrypt$', 'tok-abcdef', 'ju_xxxx', 'Gloucestershire']) expect(chorley).not.toContain(secret)
  })

  it('records each download, with its filters, as an audit event', async () => {
    await chorleySec.get('/manage/audit.csv?event=body.created&from-day=1&from-month=1&from-year=2020')
    const [exported] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.event, 'audit.exported'), eq(auditEvents.partnershipId, ids.chorley)))
      .orderBy(desc(auditEvents.id))
      .limit(1)
    expect(exported).toMatchObject({ subjectType: 'audit_log', data: { filters: { event: 'body.created', from: '2020-01-01' }, partnerships: [ids.chorley] } })
    const page = await admin.getText('/manage/audit?event=audit.exported')
    expect(page.text).toContain('Audit log downloaded')
    expect(page.text).toContain('evil@chorley.example')
  })
})
