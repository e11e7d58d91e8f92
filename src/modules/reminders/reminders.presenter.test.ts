import { describe, expect, it } from 'vitest'
import { ownerActionsView, ownerDigestEmail, ownerUpdateErrors, plainSummary } from './reminders.presenter.ts'
import type { OwnedActionRow } from './reminders.repository.ts'

const row = (over: Partial<OwnedActionRow>): OwnedActionRow => ({
  id: 'a1',
  description: 'Circulate Away Day outcomes',
  dueOn: '2015-02-17',
  status: 'open',
  bodyName: 'Board',
  version: 1,
  latestUpdateText: null,
  latestUpdateAt: null,
  ...over,
})

describe('reminders presenter', () => {
  it('reduces Markdown to one line of plain text', () => {
    expect(plainSummary('## Plan\n\n- **Draft** the [plan](http://x)\n- circulate it')).toBe('Plan Draft the plan circulate it')
    expect(plainSummary('a'.repeat(20), 10)).toBe(`${'a'.repeat(9)}…`)
  })

  it('keys an owner update error to that action’s field', () => {
    expect(ownerUpdateErrors('a1', { update: 'Enter your update' })).toEqual({ 'update-a1': 'Enter your update' })
  })

  it('marks overdue actions and offers completion only where the state machine allows it', () => {
    const [open, done] = ownerActionsView([row({}), row({ id: 'a2', status: 'completed' })], { today: '2015-02-20' })
    expect(open!.rows[1]!.value).toEqual({ text: '17 February 2015 (3 days overdue)' })
    expect(open!.rows[2]!.value.html).toContain('Overdue')
    expect(open!.canComplete).toBe(true)
    expect(done!.rows[2]!.value.html).not.toContain('Overdue')
    expect(done!.canComplete).toBe(false)
  })

  it('escapes action text in the HTML digest', () => {
    const mail = ownerDigestEmail({
      to: 'a@example.org',
      fullName: 'A <b>',
      rows: [row({ description: 'Fix <script>alert(1)</script> & tidy' })],
      today: '2015-02-20',
      dueSoonDays: 7,
      link: { linkUrl: 'http://localhost/my-actions/t', linkExpiresOn: '2015-03-06' },
      optOutUrl: 'http://localhost/reminders/opt-out/x',
    })
    expect(mail.subject).toBe('Your actions: 1 overdue')
    expect(mail.html).not.toContain('<script>')
    expect(mail.html).toContain('A &lt;b&gt;')
    expect(mail.text).toContain('Fix <script>alert(1)</script> & tidy')
    expect(mail.text).toContain('expires on 6 March 2015')
  })
})
