/** Typed URL builders for the open data downloads. */
export const openDataPaths = {
  index: () => '/open-data',
  popolo: () => '/open-data/popolo.json',
  events: () => '/open-data/events.json',
  meetingEvent: (meetingId: string) => `/meetings/${meetingId}/event.json`,
}

export { OGL } from '../../shared/licence.ts'
