import type { FieldErrors } from '../../platform/http/errors.ts'
import { formatDate, formatLongDate } from '../../shared/dates.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import type { AgendaItemRow, MeetingWithBody } from '../meetings/meetings.service.ts'
import { STATUS_LABELS, type ActionStatus } from '../actions/actions.types.ts'
import { topicPaths } from './topics.paths.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import type { ItemTopicRow } from './topics.repository.ts'
import type { PublishedTopic, TopicCountRow, TopicRow } from './topics.service.ts'

type Values = Record<string, string | string[] | undefined>
const str = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '')
const err = (errors: FieldErrors | undefined, key: string) => (errors?.[key] ? { text: errors[key] } : undefined)

/** Links to topic pages, by item id, for the public meeting page. */
export function topicLinksByItem(rows: ItemTopicRow[]): Record<string, { text: string; href: string }[]> {
  const out: Record<string, { text: string; href: string }[]> = {}
  for (const r of rows) (out[r.itemId] ??= []).push({ text: r.name, href: topicPaths.public.topic(r.partnershipSlug, r.slug) })
  return out
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The public topic index: each partnership's topics, with how much of the record each one spans. */
export function topicIndexPage(view: { partnership: { name: string; slug: string } | null; topics: TopicCountRow[] }) {
  const groups: { name: string; href: string; topics: { name: string; href: string; summary: string }[] }[] = []
  for (const t of view.topics) {
    let group = groups[groups.length - 1]
    if (!group || group.href !== structurePaths.public.partnership(t.partnershipSlug)) {
      group = { name: t.partnershipName, href: structurePaths.public.partnership(t.partnershipSlug), topics: [] }
      groups.push(group)
    }
    const span = t.firstDate === t.latestDate ? formatDate(t.latestDate) : `${formatDate(t.firstDate)} to ${formatDate(t.latestDate)}`
    group.topics.push({
      name: t.name,
      href: topicPaths.public.topic(t.partnershipSlug, t.slug),
      summary: `${count(t.items, 'item', 'items')} at ${count(t.meetings, 'meeting', 'meetings')}, ${span}`,
    })
  }
  const title = view.partnership ? `Topics – ${view.partnership.name}` : 'Topics'
  return {
    pageTitle: title,
    heading: 'Topics',
    caption: view.partnership?.name ?? null,
    groups,
    total: view.topics.length,
    breadcrumbs: view.partnership
      ? [
          { text: 'Partnerships', href: structurePaths.public.home() },
          { text: view.partnership.name, href: structurePaths.public.partnership(view.partnership.slug) },
        ]
      : [{ text: 'Partnerships', href: structurePaths.public.home() }],
    allTopicsHref: view.partnership ? topicPaths.public.index() : null,
  }
}

/** The public topic page: one timeline by meeting date. */
export function topicPage(view: PublishedTopic) {
  return {
    pageTitle: `${view.topic.name} – ${view.partnership.name}`,
    caption: view.partnership.name,
    breadcrumbs: [
      { text: 'Partnerships', href: structurePaths.public.home() },
      { text: view.partnership.name, href: structurePaths.public.partnership(view.partnership.slug) },
      { text: 'Topics', href: topicPaths.public.partnershipTopics(view.partnership.slug) },
    ],
    heading: view.topic.name,
    noEntries: view.entries.length === 0,
    entries: view.entries.map((e) => ({
      date: formatLongDate(e.meetingDate),
      bodyName: e.bodyName,
      number: e.itemNumber,
      title: e.title,
      href: `${meetingPaths.public.meeting(e.meetingId)}#item-${e.itemId}`,
      description: e.description,
      minutesPublished: e.minutesPublished,
      decisions: e.decisions,
      actions: e.actions.map((a) => ({
        description: a.description,
        status: STATUS_LABELS[a.status as ActionStatus] ?? a.status,
        due: a.dueOn ? formatDate(a.dueOn) : null,
      })),
    })),
  }
}

/** The secretariat's form to tag an item with topics. */
export function itemTopicsPage(
  data: { item: AgendaItemRow; meeting: MeetingWithBody; tagged: ItemTopicRow[]; options: TopicRow[] },
  values: Values = {},
  errors?: FieldErrors,
) {
  const chosen = str(values.topicId)
  const action = topicPaths.manage.itemTopics(data.item.id)
  return {
    pageTitle: `Topics – ${data.item.title}`,
    caption: `${data.meeting.body.name}, ${formatLongDate(data.meeting.date)}`,
    heading: data.item.title,
    action,
    tagged: data.tagged.map((t) => ({
      topicId: t.topicId,
      name: t.name,
      href: topicPaths.public.topic(t.partnershipSlug, t.slug),
    })),
    topicSelect: {
      id: 'topicId',
      name: 'topicId',
      label: { text: 'An existing topic of this partnership', classes: 'govuk-label--s' },
      items: [
        { value: '', text: data.options.length ? 'Select a topic' : 'No other topics yet' },
        ...data.options.map((t) => ({ value: t.id, text: t.name, selected: t.id === chosen })),
      ],
      errorMessage: err(errors, 'topicId'),
    },
    nameInput: {
      id: 'name',
      name: 'name',
      label: { text: 'Or a new topic', classes: 'govuk-label--s' },
      hint: { text: 'For example, Our Health, Our Care' },
      value: str(values.name),
      errorMessage: err(errors, 'name'),
    },
    backLink: { href: meetingPaths.manage.meeting(data.meeting.id), text: 'Back to the meeting' },
  }
}
