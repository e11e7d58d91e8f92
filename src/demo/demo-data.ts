/**
 * The demo data, transcribed from public documents (the five seed documents the product was designed from, kept beside the repository, never read by it):
 *
 * - 000: Chorley Public Service Reform Board, away day of 10 February 2015 (modern.gov "Agenda and draft minutes").
 * - 001: Chorley Public Services Reform Executive, 27 September 2016 (modern.gov "Agenda and draft minutes").
 * - 002: report of the Chief Executive (Gary Hall) to the Executive Cabinet, 18 February 2016, "Chorley Public
 *        Service Reform Programme – update report" (partners in paragraph 10, accountability in paragraph 12,
 *        Strategy 2015-2020 purpose and vision). The council is not named in the text; it is Chorley Council's.
 * - 003: "Making Two Tier Work in Gloucestershire", 18 May 2009 (the Gloucestershire Strategic Partnership).
 *
 * Public data only: every person below is named in those documents, and no one else is added. Where they do not
 * say something (a person's organisation, a start time) the value is null, unless a comment says why it was chosen.
 * Minutes keep the source wording and spelling; "·" bullets became Markdown "- " lists and the What/Who/When action
 * table a GFM table. Where the source page cut minutes short ("... view the full minutes text for item 43b") they end
 * in "…" and the item is marked as an excerpt (minutesExcerpt), as an import of that page marks it.
 */
import type {
  DemoAccount,
} from './demo-types.ts'

export * from './demo-types.ts'
export { ORGANISATIONS, PARTNERSHIPS, BODIES, PEOPLE, MEMBERSHIPS } from './demo-structure.ts'
export { MEETINGS } from './demo-meetings.ts'
export { ACTIONS, TOPICS } from './demo-actions.ts'
export { STRATEGY_VERSIONS, WORKSTREAMS } from './demo-strategy.ts'

// ---------------------------------------------------------------------------------------------------------------
// Demo sign-in accounts (isDemo): public, listed in the README. Production refuses to start while any exist.

export const DEMO_PASSWORD = 'demo-password-1'

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@joinedup.example', password: DEMO_PASSWORD, role: 'admin', displayName: 'Demo Admin', partnership: null },
  {
    email: 'secretariat@chorley.example',
    password: DEMO_PASSWORD,
    role: 'secretariat',
    displayName: 'Chorley Secretariat (demo)',
    partnership: 'chorley',
  },
  {
    email: 'secretariat@gloucestershire.example',
    password: DEMO_PASSWORD,
    role: 'secretariat',
    displayName: 'Gloucestershire Secretariat (demo)',
    partnership: 'gsp',
  },
]

