import { structurePaths } from '../structure/structure.paths.ts'
import { publicActionRow } from './action-labels.ts'
import { NOT_FOLLOWED_UP_AFTER_DAYS, NOT_FOLLOWED_UP_AFTER_MEETINGS } from './follow-up.ts'
import type { PublishedActionSheet } from './published-actions.ts'

/** A body's public action sheet. */
export function publicSheetPage(sheet: PublishedActionSheet) {
  return {
    pageTitle: `Actions: ${sheet.body.name}`,
    caption: sheet.body.partnershipName,
    heading: `Actions of ${sheet.body.name}`,
    breadcrumbs: [
      { text: 'Partnerships', href: structurePaths.public.home() },
      { text: sheet.body.partnershipName, href: structurePaths.public.partnership(sheet.body.partnershipSlug) },
      { text: sheet.body.name, href: structurePaths.public.body(sheet.body.slug) },
    ],
    followUpRule: `An overdue action is marked “Not followed up” when nobody has updated it for ${NOT_FOLLOWED_UP_AFTER_DAYS} days, or the ${sheet.body.name} has met ${NOT_FOLLOWED_UP_AFTER_MEETINGS} times since without an update on it.`,
    current: sheet.current.map((a) => publicActionRow(a, sheet.today)),
    cleared: sheet.cleared.map((a) => publicActionRow(a, sheet.today)),
  }
}
