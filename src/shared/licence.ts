/** The licence the published record is offered under: the open data downloads, the feeds and the API. */
export const OGL = {
  name: 'Open Government Licence v3.0',
  url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
} as const
