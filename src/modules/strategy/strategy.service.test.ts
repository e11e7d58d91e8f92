import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { rejection } from '../../../test/support/app-error.ts'
import { buildAgendaItem, buildBody, buildDecision, buildMeeting, buildPartnership } from '../../../test/support/builders.ts'
import { buildCurrentUser, buildStrategyVersion, buildWorkstream } from '../../../test/support/strategy-builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { addDays, londonToday } from '../../shared/dates.ts'
import { strategyVersions, themes } from './strategy.tables.ts'

const t = useTestApp()
const strategy = () => t.services.strategy

const draftInput = (over: Record<string, unknown> = {}) => ({
  title: 'Public Service Reform Strategy 2015-2020',
  periodFromYear: 2015,
  periodToYear: 2020,
  purpose: 'We will work together',
  vision: 'By 2020, high quality public services',
  principles: ['Make every contact count', 'Early intervention and prevention'],
  aims: ['Improve health and wellbeing outcomes'],
  changeNote: undefined,
  ...over,
})

async function secretariat() {
  const partnership = await buildPartnership(t.db)
  const user = await buildCurrentUser(t.db, { secretariatOf: [partnership.id] })
  return { partnership, user }
}

describe('drafting a strategy', () => {
  it('creates the first draft with its principles and aims in order, and audits it under the partnership', async () => {
    const { partnership, user } = await secretariat()
    const row = await strategy().createFirstDraft(user, partnership.id, draftInput())
    expect(row).toMatchObject({ number: 1, status: 'draft', title: 'Public Service Reform Strategy 2015-2020', periodFromYear: 2015 })
    const page = await strategy().getManagedVersion(user, row.id)
    expect(page.version.principles).toEqual(['Make every contact count', 'Early intervention and prevention'])
    expect(page.version.aims).toEqual(['Improve health and wellbeing outcomes'])
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'strategy.draft_created'), eq(auditEvents.subjectId, row.id)))
    expect(audit!.data).toMatchObject({ partnershipId: partnership.id, number: 1 })
    expect(audit!.actorUserId).toBe(user.id)

    expect((await rejection(strategy().createFirstDraft(user, partnership.id, draftInput()))).code).toBe('INVALID_STATE')
  })

  it('another partnership’s secretariat may not read or change it', async () => {
    const { partnership, user } = await secretariat()
    const row = await strategy().createFirstDraft(user, partnership.id, draftInput())
    const other = await buildCurrentUser(t.db, { secretariatOf: [(await buildPartnership(t.db)).id] })
    expect((await rejection(strategy().getManagedVersion(other, row.id))).code).toBe('FORBIDDEN')
    expect((await rejection(strategy().updateDraft(other, row.id, { ...draftInput(), version: row.version }))).code).toBe('FORBIDDEN')
    expect((await rejection(strategy().createFirstDraft(other, partnership.id, draftInput()))).code).toBe('FORBIDDEN')
    expect((await rejection(strategy().overview(other, partnership.id))).code).toBe('FORBIDDEN')
  })

  it('themes keep their identity when renamed and moved; a stale form is a conflict', async () => {
    const { partnership, user } = await secretariat()
    const draft = await strategy().createFirstDraft(user, partnership.id, draftInput())
    const a = await strategy().addTheme(user, draft.id, { title: 'Building community capacity', description: 'Communities', version: 1 })
    const b = await strategy().addTheme(user, draft.id, { title: 'Establishing the single front line', description: undefined, version: 2 })
    expect(a.slug).toBe('building-community-capacity')
    await strategy().updateTheme(user, draft.id, a.themeId, { title: 'Community capacity', description: 'Communities helping themselves', version: 3 })
    await strategy().moveTheme(user, draft.id, b.themeId, 'up', 4)
    const page = await strategy().getManagedVersion(user, draft.id)
    expect(page.version.version).toBe(5)
    expect(page.version.themes.map((x) => [x.themeId, x.title, x.slug])).toEqual([
      [b.themeId, 'Establishing the single front line', 'establishing-the-single-front-line'],
      [a.themeId, 'Community capacity', 'building-community-capacity'],
    ])
    expect((await rejection(strategy().addTheme(user, draft.id, { title: 'Late', description: undefined, version: 4 }))).code).toBe('CONFLICT')
    expect((await rejection(strategy().moveTheme(user, draft.id, b.themeId, 'up', 5))).code).toBe('INVALID_STATE')
  })

  it('removing a theme deletes it only when nothing else refers to it; adding it back restores it', async () => {
    const { partnership, user } = await secretariat()
    const draft = await strategy().createFirstDraft(user, partnership.id, draftInput())
    const lonely = await strategy().addTheme(user, draft.id, { title: 'Lonely', description: undefined, version: 1 })
    const used = await strategy().addTheme(user, draft.id, { title: 'Used', description: undefined, version: 2 })
    await buildWorkstream(t.db, { partnershipId: partnership.id, themeId: used.themeId })
    await strategy().removeTheme(user, draft.id, lonely.themeId, 3)
    await strategy().removeTheme(user, draft.id, used.themeId, 4)
    const left = await t.db.select().from(themes).where(eq(themes.partnershipId, partnership.id))
    expect(left.map((x) => x.id)).toEqual([used.themeId])
    const back = await strategy().addTheme(user, draft.id, { title: 'Used', description: 'Back again', version: 5 })
    expect(back.themeId).toBe(used.themeId)
  })
})

describe('approval and new versions', () => {
  async function withDraft() {
    const { partnership, user } = await secretariat()
    const body = await buildBody(t.db, { partnershipId: partnership.id, name: 'Executive' })
    const draft = await strategy().createFirstDraft(user, partnership.id, draftInput())
    await strategy().addTheme(user, draft.id, { title: 'Enhanced multi-agency teams', description: 'Sharing intelligence', version: 1 })
    return { partnership, user, body, draft: (await strategy().getVersion(draft.id))! }
  }

  it('records approval at a meeting with its decision; the draft becomes current and can no longer change', async () => {
    const { user, body, draft } = await withDraft()
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2015-06-16' }, 'minutesDraft')
    const item = await buildAgendaItem(t.db, { meetingId: meeting.id, title: 'Public Service Reform Strategy' })
    const decision = await buildDecision(t.db, { itemId: item.id, text: 'RESOLVED: to approve the strategy' })
    const row = await strategy().recordApproval(user, draft.id, { meetingId: meeting.id, decisionId: decision.id, bodyId: undefined, approvedOn: undefined, version: draft.version })
    expect(row).toMatchObject({ status: 'approved', approvedByBodyId: body.id, approvedAtMeetingId: meeting.id, approvalDecisionId: decision.id, approvedOn: '2015-06-16', approvedOnPrecision: 'day' })
    const page = await strategy().getManagedVersion(user, draft.id)
    expect(page.approval).toMatchObject({ bodyName: 'Executive', meeting: { id: meeting.id, public: true }, decision: { id: decision.id, public: true } })
    expect((await rejection(strategy().updateDraft(user, draft.id, { ...draftInput(), version: row.version }))).code).toBe('INVALID_STATE')
    expect((await rejection(strategy().addTheme(user, draft.id, { title: 'x', description: undefined, version: row.version }))).code).toBe('INVALID_STATE')
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'strategy.approved'), eq(auditEvents.subjectId, draft.id)))
    expect(audit!.data).toMatchObject({ meetingId: meeting.id, decisionId: decision.id })
  })

  it('refuses a meeting or decision from elsewhere, and checks body and date when there is no meeting', async () => {
    const { user, body, draft } = await withDraft()
    const otherMeeting = await buildMeeting(t.db, {}, 'minutesDraft')
    const base = { meetingId: undefined, decisionId: undefined, bodyId: undefined, approvedOn: undefined, version: draft.version }
    expect((await rejection(strategy().recordApproval(user, draft.id, { ...base, meetingId: otherMeeting.id }))).fieldErrors).toEqual({ meetingId: expect.any(String) })
    const ours = await buildMeeting(t.db, { bodyId: body.id }, 'minutesDraft')
    const elsewhere = await buildDecision(t.db)
    expect((await rejection(strategy().recordApproval(user, draft.id, { ...base, meetingId: ours.id, decisionId: elsewhere.id }))).fieldErrors).toEqual({ decisionId: 'Select a decision recorded at this meeting' })
    expect((await rejection(strategy().recordApproval(user, draft.id, base))).fieldErrors).toEqual({ bodyId: 'Select the body that approved it', approvedOn: 'Enter the date it was approved' })
    const foreignBody = await buildBody(t.db)
    const tomorrow = addDays(londonToday(), 1)
    expect((await rejection(strategy().recordApproval(user, draft.id, { ...base, bodyId: foreignBody.id, approvedOn: { date: tomorrow, precision: 'day' } }))).fieldErrors).toEqual({
      bodyId: 'Select a body of this partnership from the list',
      approvedOn: 'The date it was approved must be today or in the past',
    })
    // Known only to the month, outside Joined Up.
    const row = await strategy().recordApproval(user, draft.id, { ...base, bodyId: body.id, approvedOn: { date: '2015-06-01', precision: 'month' } })
    expect(row).toMatchObject({ status: 'approved', approvedOn: '2015-06-01', approvedOnPrecision: 'month', approvedAtMeetingId: null })
    expect((await rejection(strategy().recordApproval(user, draft.id, { ...base, bodyId: body.id, approvedOn: { date: '2015-06-01', precision: 'month' }, version: row.version }))).code).toBe('INVALID_STATE')
  })

  it('a new version copies the latest; approving it supersedes the old one, which stays readable', async () => {
    const { partnership, user, body, draft } = await withDraft()
    const v1 = await strategy().recordApproval(user, draft.id, { meetingId: undefined, decisionId: undefined, bodyId: body.id, approvedOn: { date: '2015-06-01', precision: 'month' }, version: draft.version })
    const v2 = await strategy().startNewVersion(user, v1.id, v1.version)
    expect(v2).toMatchObject({ number: 2, status: 'draft', basedOnVersionId: v1.id, title: v1.title })
    const [d1, d2] = await Promise.all([strategy().getManagedVersion(user, v1.id), strategy().getManagedVersion(user, v2.id)])
    expect(d2.version.principles).toEqual(d1.version.principles)
    expect(d2.version.themes.map((x) => x.themeId)).toEqual(d1.version.themes.map((x) => x.themeId))
    // Only the latest version can be the start of another, and only one draft at a time.
    expect((await rejection(strategy().startNewVersion(user, v1.id, d1.version.version))).code).toBe('INVALID_STATE')
    // The public still sees version 1 while version 2 is a draft.
    expect((await strategy().findPublishedStrategy(partnership.id))!.version.number).toBe(1)

    await strategy().updateDraft(user, v2.id, { ...draftInput({ vision: 'By 2025, the best outcomes', changeNote: 'A longer horizon' }), version: v2.version })
    const v2row = (await strategy().getVersion(v2.id))!
    await strategy().recordApproval(user, v2.id, { meetingId: undefined, decisionId: undefined, bodyId: body.id, approvedOn: { date: '2016-01-12', precision: 'day' }, version: v2row.version })
    const rows = await t.db.select().from(strategyVersions).where(eq(strategyVersions.partnershipId, partnership.id))
    expect(Object.fromEntries(rows.map((r) => [r.number, r.status]))).toEqual({ 1: 'superseded', 2: 'approved' })
    const history = await strategy().findPublishedHistory(partnership.slug)
    expect(history.versions.map((v) => v.number)).toEqual([2, 1])
    expect((await strategy().findPublishedVersion(partnership.slug, 1)).version.vision).toBe('By 2020, high quality public services')
    const compared = await strategy().comparePublished(partnership.slug)
    expect(compared.comparison!.fields.find((f) => f.key === 'vision')).toMatchObject({ changed: true, before: 'By 2020, high quality public services', after: 'By 2025, the best outcomes' })
  })

  it('a new version started from a draft keeps that draft, superseded and never approved, out of the public’s sight', async () => {
    const { partnership, user, draft } = await withDraft()
    const v2 = await strategy().startNewVersion(user, draft.id, draft.version)
    const v1 = (await strategy().getVersion(draft.id))!
    expect(v1).toMatchObject({ status: 'superseded', approvedOn: null })
    expect(v2.status).toBe('draft')
    expect(await strategy().findPublishedStrategy(partnership.id)).toBeNull()
    expect((await strategy().findPublishedHistory(partnership.slug)).versions).toEqual([])
    expect((await rejection(strategy().findPublishedVersion(partnership.slug, 1))).code).toBe('NOT_FOUND')
    expect((await rejection(strategy().findPublishedVersion(partnership.slug, 2))).code).toBe('NOT_FOUND')
    expect(await strategy().publicThemes(partnership.id)).toEqual([])
    // The secretariat compares the two drafts.
    const compared = await strategy().compareManaged(user, partnership.id)
    expect(compared.from!.number).toBe(1)
    expect(compared.to!.number).toBe(2)
    expect(compared.comparison!.changed).toBe(false)
  })
})

describe('what the public sees', () => {
  it('themes of approved versions only, each with its latest approved wording, the current strategy’s first', async () => {
    const partnership = await buildPartnership(t.db)
    const v1 = await buildStrategyVersion(t.db, {
      partnershipId: partnership.id,
      number: 1,
      status: 'superseded',
      approved: { on: '2015-06-01' },
      themes: [{ title: 'Old name' }, { title: 'Dropped theme' }],
    })
    const v2 = await buildStrategyVersion(t.db, {
      partnershipId: partnership.id,
      number: 2,
      approved: { on: '2016-01-01' },
      themes: [{ title: 'New name', themeId: v1.themes[0]!.id }],
    })
    await buildStrategyVersion(t.db, { partnershipId: partnership.id, number: 3, themes: [{ title: 'Draft only' }, { title: 'Renamed in draft', themeId: v1.themes[0]!.id }] })
    const themesSeen = await strategy().publicThemes(partnership.id)
    expect(themesSeen.map((x) => [x.title, x.inCurrentStrategy])).toEqual([
      ['New name', true],
      ['Dropped theme', false],
    ])
    // Renamed, the theme keeps its address.
    expect(themesSeen[0]!.slug).toBe('old-name')
    expect(v2.themes[0]!.id).toBe(v1.themes[0]!.id)
    expect((await rejection(strategy().findPublicTheme(partnership.id, 'draft-only'))).code).toBe('NOT_FOUND')
    // The secretariat sees every theme with its latest wording (the draft's).
    const staff = await strategy().themesForStaff(partnership.id)
    expect(staff.map((x) => [x.title, x.inCurrentStrategy, x.inDraft])).toEqual([
      ['Renamed in draft', true, true],
      ['Draft only', false, true],
      ['Dropped theme', false, false],
    ])
  })

  it('a decision or meeting the public may not see is marked so on the approval', async () => {
    const partnership = await buildPartnership(t.db)
    const body = await buildBody(t.db, { partnershipId: partnership.id })
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2015-06-16' }, 'agendaPublished')
    const item = await buildAgendaItem(t.db, { meetingId: meeting.id, isExempt: true, exemptParagraph: 3 })
    const decision = await buildDecision(t.db, { itemId: item.id })
    await buildStrategyVersion(t.db, { partnershipId: partnership.id, approved: { bodyId: body.id, meetingId: meeting.id, decisionId: decision.id, on: '2015-06-16' } })
    const published = await strategy().findPublishedStrategy(partnership.id)
    expect(published!.approval).toMatchObject({ meeting: { public: true }, decision: { public: false } })
  })
})
