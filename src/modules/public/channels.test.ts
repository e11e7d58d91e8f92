import { describe, expect, it } from 'vitest'
import { packPaths } from '../packs/packs.paths.ts'
import { printedDownloads } from './channels.ts'

describe('printedDownloads', () => {
  it('links the pack once the agenda is public and the minutes once they are published', () => {
    const view = { id: 'm1', agendaPublished: true, minutesPublished: false, status: 'agenda_published' as const }
    expect(printedDownloads(view, packPaths)).toEqual([{ text: 'Agenda pack (PDF)', href: '/meetings/m1/pack.pdf' }])
    expect(printedDownloads({ ...view, minutesPublished: true, status: 'minutes_draft' }, packPaths).map((l) => l.text)).toEqual([
      'Agenda pack (PDF)',
      'Draft minutes (PDF)',
      'Draft minutes (Word)',
    ])
    expect(printedDownloads({ ...view, agendaPublished: false }, packPaths)).toEqual([])
  })
})
