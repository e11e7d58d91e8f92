import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EVENT_LABELS, EVENT_NAME, EVENT_OPTIONS, eventLabel, subjectLabel } from './event-labels.ts'

const SRC = path.resolve(import.meta.dirname, '../..')
/** Literals in files that record audit events which are not events (a scheduled job's name). */
const NOT_EVENTS = new Set(['email_alerts.send'])

/** Every event name a source file that records audit events spells out. */
function recordedEvents(): Set<string> {
  const found = new Set<string>()
  const files = fs.readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  for (const file of files) {
    const text = fs.readFileSync(path.join(SRC, file), 'utf8')
    if (!/recordAudit\(|await audit\(tx/.test(text)) continue
    for (const m of text.matchAll(/'([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)'/g)) if (!NOT_EVENTS.has(m[1]!)) found.add(m[1]!)
  }
  return found
}

describe('audit event labels', () => {
  it('has a readable label for every event the code records', () => {
    const events = recordedEvents()
    // The scan itself works: it finds events of every kind of record.
    for (const e of ['user.signed_in', 'user.sign_in_failed', 'user.role_granted', 'meeting.scheduled', 'action.recorded', 'audit.exported']) expect(events).toContain(e)
    expect([...events].filter((e) => !(e in EVENT_LABELS))).toEqual([])
  })

  it('labels the two-factor, single sign-on and session events too', () => {
    for (const e of [
      'user.two_factor_enabled',
      'user.two_factor_disabled',
      'user.recovery_codes_generated',
      'user.recovery_code_used',
      'user.second_factor_failed',
      'security.settings_changed',
      'user.sso_linked',
      'user.sso_refused',
      'user.session_ended',
    ]) {
      expect(EVENT_LABELS[e], e).toBeTruthy()
    }
  })

  it('reads an unknown event as its humanised name, and every label name is a valid event name', () => {
    expect(eventLabel('user.signed_in')).toBe('Signed in')
    expect(eventLabel('passkey.credential_added')).toBe('Passkey: credential added')
    expect(eventLabel('odd')).toBe('odd')
    for (const name of Object.keys(EVENT_LABELS)) expect(EVENT_NAME.test(name), name).toBe(true)
    expect(EVENT_OPTIONS).toHaveLength(Object.keys(EVENT_LABELS).length)
    expect(subjectLabel('agenda_item')).toBe('Agenda item')
    expect(subjectLabel('security_settings')).toBe('Security settings')
  })
})
