/** Typed URL builders for the open data downloads. */
export const openDataPaths = {
  index: () => '/open-data',
  popolo: () => '/open-data/popolo.json',
  events: () => '/open-data/events.json',
  meetingEvent: (meetingId: string) => `/meetings/${meetingId}/event.json`,
}

export const OGL = {
  name: 'Open Government Licence v3.0',
  url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
} as const
