import { describe, expect, it } from 'vitest'
import type { AuditRow } from './auditlog.repository.ts'
import { auditCsvRow, auditTableRow, londonTimestamp, recordText, safeData, whoOf } from './auditlog.presenter.ts'
import { recordHref } from './record-links.ts'

const MEETING = '11111111-2222-4333-8444-555555555555'
const row = (over: Partial<AuditRow> = {}): AuditRow => ({
  id: 7,
  at: new Date('2026-07-01T13:05:09Z'),
  event: 'meeting.moved',
  subjectType: 'meeting',
  subjectId: MEETING,
  partnershipId: 'p-1',
  partnershipName: 'Chorley Together',
  actorUserId: 'u-1',
  actorName: 'Jane Officer',
  actorEmail: 'jane@example.org',
  subjectUserName: null,
  data: {},
  ...over,
})

describe('what the audit log shows of an event', () => {
  it('never shows secrets: by key at any depth, or by what a value looks like', () => {
    const clean = safeData({
      passwordHash: 'scrypt$16384$8$1$abc$def',
      newPassword: 'hunter2hunter2',
      tokenHash: 'abc',
      recoveryCodes: ['one', 'two'],
      totpSecret: 'JBSWY3DPEHPK3PXP',
      nested: { sessionId: 'x', fine: 'kept', deeper: [{ code: '123456' }] },
      note: `ju_${'a'.repeat(43)}`,
      system: 'sign-in',
      prefix: 'ju_abcd',
      sha256: 'f'.repeat(64),
    })
    expect(clean).toEqual({
      passwordHash: '(hidden)',
      newPassword: '(hidden)',
      tokenHash: '(hidden)',
      recoveryCodes: '(hidden)',
      totpSecret: '(hidden)',
      nested: { sessionId: '(hidden)', fine: 'kept', deeper: [{ code: '(hidden)' }] },
      note: '(hidden)',
      prefix: 'ju_abcd',
      sha256: 'f'.repeat(64),
    })
    const csv = auditCsvRow(row({ data: { passwordHash: 'scrypt$1', client: '10.0.0.1' } }))
    expect(csv.join('|')).not.toContain('scrypt$')
    expect(csv.at(-1)).toBe('{"passwordHash":"(hidden)","client":"10.0.0.1"}')
  })

  it('says who: a person, a deleted account, or what acted with no one signed in', () => {
    expect(whoOf(row())).toEqual({ name: 'Jane Officer', email: 'jane@example.org' })
    expect(whoOf(row({ actorName: null, actorEmail: null }))).toEqual({ name: 'A deleted account' })
    expect(whoOf(row({ actorUserId: null, actorName: null, data: { system: 'sign-in' } }))).toEqual({ name: 'Someone at the sign-in page' })
    expect(whoOf(row({ actorUserId: null, actorName: null, data: { system: 'new_job' } }))).toEqual({ name: 'The service (new job)' })
    expect(whoOf(row({ actorUserId: null, actorName: null }))).toEqual({ name: 'The service' })
  })

  it('names the record and links it where a page exists', () => {
    expect(recordText(row({ data: { toDate: '2026-08-01' } }))).toBe('Meeting')
    expect(recordText(row({ event: 'meeting.scheduled', data: { date: '2026-08-01' } }))).toBe('Meeting: 1 August 2026')
    expect(recordText(row({ subjectType: 'user', subjectUserName: 'Pat Smith' }))).toBe('Account: Pat Smith')
    expect(recordHref(row())).toBe(`/manage/meetings/${MEETING}`)
    // A deleted paper links to the meeting it was on; a decision to its item's minutes.
    expect(recordHref(row({ subjectType: 'document', subjectId: MEETING, data: { meetingId: MEETING } }))).toBe(`/manage/meetings/${MEETING}`)
    expect(recordHref(row({ subjectType: 'decision', subjectId: MEETING, data: { itemId: MEETING } }))).toBe(`/manage/items/${MEETING}/minutes`)
    expect(recordHref(row({ subjectType: 'api_token', subjectId: MEETING, partnershipId: MEETING }))).toBe(`/manage/partnerships/${MEETING}/api-tokens`)
    // No page: an unknown email's failed sign-in, an email subscription, anything not an id.
    expect(recordHref(row({ subjectType: 'user', subjectId: 'unknown' }))).toBeUndefined()
    expect(recordHref(row({ subjectType: 'email_subscription' }))).toBeUndefined()
    expect(recordHref(row({ subjectType: 'agenda_item', data: { meetingId: 'not-an-id' } }))).toBeUndefined()
  })

  it('prints London time: the label, the exact time and the CSV', () => {
    expect(londonTimestamp(new Date('2026-07-01T13:05:09Z'))).toBe('2026-07-01 14:05:09')
    expect(londonTimestamp(new Date('2026-01-15T13:05:09Z'))).toBe('2026-01-15 13:05:09')
    const r = auditTableRow(row({ data: { partnershipId: 'p-1', fromDate: '2026-07-01', isExempt: false } }))
    expect(r).toMatchObject({ when: '1 July 2026 at 2.05pm', whenExact: '2026-07-01 14:05:09', what: 'Meeting moved', event: 'meeting.moved' })
    // The partnership is shown under the record, not again in the details.
    expect(r.details).toEqual([
      { key: 'From date', value: '2026-07-01' },
      { key: 'Is exempt', value: 'no' },
    ])
    expect(r.record.historyHref).toBe(`/manage/audit?type=meeting&id=${MEETING}`)
    expect(auditCsvRow(row()).slice(0, 3)).toEqual([7, '2026-07-01 14:05:09', '2026-07-01T13:05:09.000Z'])
  })
})
