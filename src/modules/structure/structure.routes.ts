import { bodyChannels, partnershipChannels } from '../publishing/channels.ts'
import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { render } from '../../platform/views/render.ts'
import { londonToday } from '../../shared/dates.ts'
import type { Services } from '../../services.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { structurePaths as paths } from './structure.paths.ts'
import * as present from './structure.presenter.ts'
import { PageQuery } from './structure.schemas.ts'

/** How many upcoming meetings a body page lists (the calendar has the rest). */
const UPCOMING_LIMIT = 10

/** Public pages: no sign-in, and never contact details. */
export function structureRoutes(services: Services) {
  const { structure } = services
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => {
    const partnerships = await structure.listPartnerships()
    return render(c, 'structure/views/home.njk', {
      pageTitle: 'Partnerships',
      tree: present.partnershipTree(partnerships),
    })
  })

  app.get('/partnerships/:slug', async (c) => {
    const partnership = await structure.getPartnershipBySlug(c.req.param('slug'))
    const [bodies, partners, children, parent] = await Promise.all([
      structure.bodiesOfPartnership(partnership.id),
      structure.partnersOf(partnership.id),
      structure.childPartnerships(partnership.id),
      partnership.parentPartnershipId ? structure.getPartnership(partnership.parentPartnershipId) : Promise.resolve(null),
    ])
    return render(c, 'structure/views/partnership.njk', {
      pageTitle: partnership.name,
      partnership,
      parent: parent ? { name: parent.name, href: paths.public.partnership(parent.slug) } : null,
      partners: partners.map((p) => ({ name: p.name, website: p.website })),
      children: children.map((p) => ({ name: p.name, summary: p.summary ?? '', href: paths.public.partnership(p.slug) })),
      chart: present.structureChart(bodies),
      channels: partnershipChannels(partnership),
      breadcrumbs: [{ text: 'Partnerships', href: paths.public.home() }],
    })
  })

  app.get('/bodies/:slug', async (c) => {
    const body = await structure.getBodyBySlug(c.req.param('slug'))
    const { page } = PageQuery.parse({ page: c.req.query('page') })
    const today = londonToday()
    const [seats, upcoming, past, accountableTo] = await Promise.all([
      structure.findMembershipsOfBody(body.id, today),
      structure.meetingsOfBody(body.id, { fromDate: today }, 1, UPCOMING_LIMIT),
      structure.meetingsOfBody(body.id, { beforeDate: today }, page),
      body.accountableToBodyId ? structure.getBody(body.accountableToBodyId) : Promise.resolve(null),
    ])
    return render(c, 'structure/views/body.njk', {
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

  return app
}
