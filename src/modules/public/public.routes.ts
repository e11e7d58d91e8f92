import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { idParam } from '../../platform/http/params.ts'
import { render } from '../../platform/views/render.ts'
import { londonToday } from '../../shared/dates.ts'
import type { Services } from '../../services.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { topicPaths } from '../topics/topics.paths.ts'
import { structurePaths as paths } from '../structure/structure.paths.ts'
import { PageQuery } from '../structure/structure.schemas.ts'
import { bodyChannels, meetingChannels, partnershipChannels } from './channels.ts'
import { publicMeetingPage } from './meeting-page.presenter.ts'
import * as present from './structure-pages.presenter.ts'
import { programmeSection, strategySection } from './strategy-section.presenter.ts'

/** How many upcoming meetings a body page lists (the calendar has the rest). */
const UPCOMING_LIMIT = 10

const VIEWS = {
  home: 'public/views/home.njk',
  partnership: 'public/views/partnership.njk',
  body: 'public/views/body.njk',
  meeting: 'public/views/public-meeting.njk',
}

/**
 * The public record's pages: no sign-in, never contact details, nothing exempt (the meeting page shows the
 * minutes service's published view, from which everything exempt is already removed). Anonymous GETs are
 * served from the render cache (ADR 0006).
 */
export function publicRoutes(services: Services) {
  const { structure } = services
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => {
    const partnerships = await structure.listPartnerships()
    return render(c, VIEWS.home, { pageTitle: 'Partnerships', tree: present.partnershipTree(partnerships) })
  })

  app.get('/partnerships/:slug', async (c) => {
    const partnership = await structure.getPartnershipBySlug(c.req.param('slug'))
    const [bodies, partners, children, parent, strategy, programme] = await Promise.all([
      structure.bodiesOfPartnership(partnership.id),
      structure.partnersOf(partnership.id),
      structure.childPartnerships(partnership.id),
      partnership.parentPartnershipId ? structure.getPartnership(partnership.parentPartnershipId) : Promise.resolve(null),
      services.strategy.findPublishedStrategy(partnership.id),
      services.programme.publicProgramme(partnership.id),
    ])
    return render(c, VIEWS.partnership, {
      pageTitle: partnership.name,
      partnership,
      parent: parent ? { name: parent.name, href: paths.public.partnership(parent.slug) } : null,
      partners: partners.map((p) => ({ name: p.name, website: p.website })),
      children: children.map((p) => ({ name: p.name, summary: p.summary ?? '', href: paths.public.partnership(p.slug) })),
      chart: present.structureChart(bodies),
      strategy: strategySection(partnership.slug, strategy),
      programme: programmeSection(partnership.slug, programme),
      channels: partnershipChannels(partnership),
      topicsHref: topicPaths.public.partnershipTopics(partnership.slug),
      breadcrumbs: [{ text: 'Partnerships', href: paths.public.home() }],
    })
  })

  app.get('/bodies/:slug', async (c) => {
    const body = await structure.getBodyBySlug(c.req.param('slug'))
    const { page } = PageQuery.parse({ page: c.req.query('page') })
    const today = londonToday()
    const [seats, upcoming, past, accountableTo] = await Promise.all([
      structure.findMembershipsOfBody(body.id, today),
      services.bodyMeetings.meetingsOfBody(body.id, { fromDate: today }, 1, UPCOMING_LIMIT),
      services.bodyMeetings.meetingsOfBody(body.id, { beforeDate: today }, page),
      body.accountableToBodyId ? structure.getBody(body.accountableToBodyId) : Promise.resolve(null),
    ])
    return render(c, VIEWS.body, {
      pageTitle: body.name,
      body,
      kind: present.BODY_KIND_LABELS[body.kind],
      summaryRows: present.publicBodySummaryRows(
        body,
        { name: body.partnership.name, href: paths.public.partnership(body.partnership.slug) },
        accountableTo ? { name: accountableTo.name, href: paths.public.body(accountableTo.slug) } : null,
      ),
      members: present.publicMemberRows(seats),
      upcoming: present.meetingRows(upcoming.rows, meetingPaths.public.meeting),
      moreUpcoming: upcoming.total > upcoming.rows.length,
      past: present.meetingRows(past.rows, meetingPaths.public.meeting),
      pastTotal: past.total,
      pastPagination: present.pagination(past, present.pageHref(paths.public.body(body.slug))),
      channels: bodyChannels(body),
      breadcrumbs: [
        { text: 'Partnerships', href: paths.public.home() },
        { text: body.partnership.name, href: paths.public.partnership(body.partnership.slug) },
      ],
    })
  })

  app.get(meetingPaths.public.meeting(':id'), async (c) => {
    const view = await services.minutes.findPublishedMeeting(idParam(c.req.param('id'), 'Meeting'))
    const openItemIds = view.items.filter((i) => i.kind === 'open').map((i) => i.id)
    const [extras, agreed] = await Promise.all([
      services.mattersArising.publicMeetingExtras(view),
      view.minutesPublished ? services.actions.findPublishedActionsOfMeeting({ id: view.id, bodyId: view.body.id }, openItemIds) : undefined,
    ])
    return render(c, VIEWS.meeting, { ...publicMeetingPage(view, extras, agreed), channels: meetingChannels(view) })
  })

  return app
}
