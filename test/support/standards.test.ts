import { describe, expect, it } from 'vitest'
import { ocdEventValidator, popoloValidator, upgradeDraft3 } from './standards.ts'

/**
 * The validators over the standards' own schemas (test/fixtures/standards) must be able to fail: these cases
 * come from the schemas' text, so a loading mistake that made every document pass would show here.
 */
describe('the draft 3 upgrade of the Popolo schemas', () => {
  it('turns "required": true into the parent\'s required list, id into $id, and refuses what it cannot translate', () => {
    const upgraded = upgradeDraft3({
      $schema: 'http://json-schema.org/draft-03/schema#',
      id: 'http://example.test/x.json#',
      type: 'object',
      properties: { url: { type: 'string', required: true }, note: { type: ['string', 'null'], required: false } },
    })
    expect(upgraded).toEqual({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'http://example.test/x.json#',
      type: 'object',
      properties: { url: { type: 'string' }, note: { type: ['string', 'null'] } },
      required: ['url'],
    })
    expect(() => upgradeDraft3({ extends: { type: 'object' } })).toThrow(/extends/)
    expect(() => upgradeDraft3({ properties: { a: { disallow: 'string' } } })).toThrow(/disallow/)
    expect(() => upgradeDraft3({ type: [{ type: 'string' }, 'null'] })).toThrow(/inside "type"/)
  })
})

describe('popoloValidator', () => {
  const validate = popoloValidator()

  it('accepts a document the Popolo schemas allow', () => {
    expect(
      validate({
        organizations: [{ id: 'o1', name: 'Board', parent_id: null, links: [{ url: 'https://example.org/', note: 'website' }] }],
        persons: [{ id: 'p1', name: 'Jo Bloggs', honorific_prefix: 'Cllr' }],
        memberships: [{ id: 'm1', person_id: 'p1', organization_id: 'o1', start_date: '2024-05-01', end_date: null }],
        events: [{ id: 'e1', name: 'Board', start_date: '2025-07-16T14:30:00+01:00', location: 'Town Hall', attendees: [{ id: 'p1', name: 'Jo' }] }],
      }),
    ).toEqual([])
  })

  it('rejects what the schemas forbid, with the path of each error', () => {
    const errors = validate({
      organizations: [{ id: 'o1', founding_date: '1 May 2024', links: [{ note: 'no url' }] }],
      events: [{ id: 'e1', location: { name: 'Town Hall' }, start_date: '2025-07-16 14:30' }],
      memberships: {},
    })
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/organizations\/0\/founding_date must match pattern/),
        // link.json says "url": {"required": true} in draft 3: the upgrade keeps it.
        expect.stringMatching(/^\/organizations\/0\/links\/0 must have required property 'url'/),
        expect.stringMatching(/^\/events\/0\/location must be string,null/),
        expect.stringMatching(/^\/events\/0\/start_date must match pattern/),
        '/memberships is not an array',
      ]),
    )
  })
})

describe('ocdEventValidator (pupa)', () => {
  const validate = ocdEventValidator()

  it('accepts an event as pupa writes one', () => {
    expect(
      validate({
        name: 'Board',
        start_date: '2025-07-16T14:30:00+01:00',
        end_date: '',
        all_day: false,
        status: 'passed',
        classification: 'committee-meeting',
        location: { name: 'Town Hall', note: '', coordinates: null },
        documents: [{ note: 'Budget report', url: 'https://example.org/a.pdf', media_type: 'application/pdf', date: '2025-07-08' }],
        agenda: [{ description: 'Welcome', order: '1', notes: [], subjects: [], classification: [], related_entities: [], media: [] }],
        sources: [{ url: 'https://example.org/m', note: 'Meeting page' }],
        extras: {},
      }),
    ).toEqual([])
  })

  it('rejects what pupa rejects', () => {
    const errors = validate({
      name: '',
      end_date: null,
      status: 'postponed',
      documents: [{ note: 'Report', url: 'x', media_type: 'application/pdf', date: '8 July 2025' }],
      agenda: [{ description: 'Welcome', media: [{ links: [{ url: 'not a uri' }] }] }],
      sources: [],
    })
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/name must NOT have fewer than 1 characters/),
        expect.stringMatching(/^\/end_date must be string/),
        expect.stringMatching(/^\/status must be equal to one of the allowed values/),
        expect.stringMatching(/^\/documents\/0\/date must match pattern/),
        expect.stringMatching(/^\/agenda\/0\/media\/0\/links\/0\/url must match format "uri"/),
        expect.stringMatching(/^\/sources must NOT have fewer than 1 items/),
      ]),
    )
  })
})
