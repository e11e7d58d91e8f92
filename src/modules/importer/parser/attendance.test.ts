import { describe, expect, it } from 'vitest'
import { findAttendance } from './attendance.ts'
import { normaliseLines } from './text.ts'

const attendance = (text: string, minutes: string[] = []) =>
  findAttendance(normaliseLines(text), minutes.map((m, k) => ({ label: `item ${k + 1}`, text: m })))

describe('attendance', () => {
  it('grouped under "Representing X:", with roles and "(Substitute)" dropped from names', () => {
    const r = attendance('Present:\n\nRepresenting Chorley Council:\nCllr Alistair Bradley (Chair)\nCllr Beverley Murray (Substitute)\n\nRepresenting Lancashire Constabulary:\nCI Tracie O’Gara\n\nItems')
    expect(r.attendees).toEqual(['Cllr Alistair Bradley', 'Cllr Beverley Murray', 'CI Tracie O’Gara'])
    expect(r.organisations).toEqual({
      'Cllr Alistair Bradley': 'Chorley Council',
      'Cllr Beverley Murray': 'Chorley Council',
      'CI Tracie O’Gara': 'Lancashire Constabulary',
    })
    expect(r.warnings).toEqual([])
  })

  it('name and organisation in columns, or "Name – Organisation"', () => {
    const r = attendance('Attendees:\nGary Hall         Chorley Council\nJane Doe\tNHS Chorley CCG\nSam Roe – VCFS Network')
    expect(r.attendees).toEqual(['Gary Hall', 'Jane Doe', 'Sam Roe'])
    expect(r.organisations).toEqual({ 'Gary Hall': 'Chorley Council', 'Jane Doe': 'NHS Chorley CCG', 'Sam Roe': 'VCFS Network' })
  })

  it('comma lists on the label line', () => {
    expect(attendance('Present: Councillors Smith, Jones and Brown').attendees).toEqual(['Cllr Smith', 'Cllr Jones', 'Cllr Brown'])
    expect(attendance('Present: A Smith, B Jones.\nApologies: C Brown and D Green').apologies).toEqual(['C Brown', 'D Green'])
  })

  it('apologies with substitutes, as a block and as prose', () => {
    const block = attendance('Present:\nAnn Able\n\nApologies:\nCllr Tumi Hawkins (substituted by Cllr Sue Ellington)\nBob Bee – substitute Carl Cee')
    expect(block.apologies).toEqual(['Cllr Tumi Hawkins', 'Bob Bee'])
    const prose = attendance('Present:\nAnn Able', ['Apologies for absence were received from Cllr Tumi Hawkins (substituted by Cllr Sue Ellington) and Sarah Ferguson.'])
    expect(prose.apologies).toEqual(['Cllr Tumi Hawkins', 'Sarah Ferguson'])
  })

  it('"apologies noted" with no names gives no names and a warning', () => {
    const r = attendance('', ['Members were welcomed to the meeting, introductions made and apologies noted.'])
    expect(r.apologies).toEqual([])
    expect(r.warnings).toEqual(['Apologies were noted (item 1) but no names were given', 'No list of those present was found'])
    expect(attendance('Present:\nAnn Able', ['There were no apologies.']).warnings).toEqual([])
  })

  it('prose after a block ends it', () => {
    const r = attendance('Present:\nAnn Able\nThe Chair welcomed everyone to the meeting and thanked the hosts.\nBob Bee')
    expect(r.attendees).toEqual(['Ann Able'])
  })
})
