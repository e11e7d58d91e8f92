import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { errorSummary, zodFieldErrors } from '../../platform/http/forms.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { etagMatches, strongEtag } from '../../platform/http/etag.ts'
import { render } from '../../platform/views/render.ts'
import { addDays } from '../../shared/dates.ts'
import type { Services } from '../../services.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { calendarPaths, type CalendarQuery } from './calendar.paths.ts'
import * as present from './calendar.presenter.ts'
import { CalendarQuerySchema } from './calendar.schemas.ts'
import { CALENDAR_PER_PAGE, FEED_MIN_HISTORY, FEED_YEARS_BACK, nextMonth, previousMonth, type IcsFile } from './calendar.service.ts'

const TEMPLATE = 'publishing/views/calendar.njk'

/**
 * An .ics response with an ETag and 304 when the subscriber already has it. `no-cache` (store, but
 * revalidate every time) rather than `public, max-age`: calendar apps poll rarely, a 304 is cheap, and a
 * shared cache must never keep a response that carries a cookie.
 */
function icsResponse(c: Context<AppEnv>, file: IcsFile, disposition: 'inline' | 'attachment'): Response {
  const etag = strongEtag(file.text)
  const headers = {
    ETag: etag,
    'Cache-Control': 'no-cache',
    'Content-Disposition': `${disposition}; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`,
  }
  if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers)
  return c.body(file.text, 200, { ...headers, 'Content-Type': 'text/calendar; charset=utf-8' })
}

/** The public calendar (month and list views) and the iCalendar feeds. No sign-in; sets no cookies of its own. */
export function calendarRoutes(services: Services) {
  const { calendar, config } = services
  const app = new Hono<AppEnv>()

  app.get('/calendar', async (c) => {
    const raw = c.req.query()
    const options = await calendar.filterOptions()
    const parsed = CalendarQuerySchema.safeParse(raw)
    const view = parsed.success ? parsed.data.view : raw.view === 'list' ? 'list' : 'month'
    const errors: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error)
    const partnership = parsed.success && parsed.data.partnership ? options.partnerships.find((p) => p.slug === parsed.data.partnership) : undefined
    const body = parsed.success && parsed.data.body ? options.bodies.find((b) => b.slug === parsed.data.body) : undefined
    if (parsed.success && parsed.data.partnership && !partnership) errors.partnership = 'Select a partnership from the list'
    if (parsed.success && parsed.data.body && !body) errors.body = 'Select a body from the list'

    const chosen: CalendarQuery = { partnership: raw.partnership, body: raw.body }
    const common = {
      pageTitle: 'Meetings calendar',
      view,
      values: { month: raw.month ?? '', from: raw.from ?? '', to: raw.to ?? '' },
      ...present.filterSelects(options, chosen),
      monthViewHref: calendarPaths.calendar({ ...chosen, view: 'month' }),
      listViewHref: calendarPaths.calendar({ ...chosen, view: 'list' }),
      feeds: present.feedLinks(config.publicUrl, { partnership, body }),
      feedYearsBack: FEED_YEARS_BACK,
      feedMinHistory: FEED_MIN_HISTORY,
      breadcrumbs: [{ text: 'Partnerships', href: structurePaths.public.home() }],
    }
    if (!parsed.success || Object.keys(errors).length > 0) {
      return render(c, TEMPLATE, { ...common, errors, errorSummary: errorSummary(errors) }, 400)
    }
    const q = parsed.data
    const filter = { partnershipId: partnership?.id, bodyId: body?.id }
    const filterQuery = { partnership: partnership?.slug, body: body?.slug }
    const today = calendar.today()

    if (q.view === 'month') {
      const month = q.month ?? today.slice(0, 7)
      const meetings = await calendar.findMonth(month, filter)
      const prev = previousMonth(month)
      const next = nextMonth(month)
      // An empty month points to the meetings nearest it, so the reader is never left at a dead end.
      const nearest =
        meetings.length === 0
          ? present.nearestMeetings(await calendar.findNearest(month, filter), (m) => calendarPaths.calendar({ ...filterQuery, view: 'month', month: m }))
          : null
      return render(c, TEMPLATE, {
        ...common,
        nearest,
        values: { ...common.values, month },
        month: present.monthLabel(month),
        grid: present.monthGrid(month, meetings, today),
        meetingCount: meetings.length,
        monthPagination: {
          previous: { text: 'Previous month', href: calendarPaths.calendar({ ...filterQuery, view: 'month', month: prev }), labelText: present.monthLabel(prev) },
          next: { text: 'Next month', href: calendarPaths.calendar({ ...filterQuery, view: 'month', month: next }), labelText: present.monthLabel(next) },
        },
      })
    }

    const list = await calendar.findList({ ...filter, fromDate: q.from, toDate: q.to }, q.page)
    const listQuery = { ...filterQuery, view: 'list' as const, from: q.from, to: q.to }
    return render(c, TEMPLATE, {
      ...common,
      rows: list.rows.map(present.meetingEntry),
      total: list.total,
      firstShown: list.total === 0 ? 0 : (list.page - 1) * CALENDAR_PER_PAGE + 1,
      lastShown: (list.page - 1) * CALENDAR_PER_PAGE + list.rows.length,
      latestFirst: list.latestFirst,
      upcoming: !q.from && !q.to,
      pastHref: calendarPaths.calendar({ ...filterQuery, view: 'list', to: addDays(today, -1) }),
      upcomingHref: calendarPaths.calendar({ ...filterQuery, view: 'list' }),
      listPagination: present.pagination(list, (page) => calendarPaths.calendar({ ...listQuery, page: page === 1 ? undefined : page })),
    })
  })

  app.get('/calendar.ics', async (c) => icsResponse(c, await calendar.allFeed(), 'inline'))
  app.get('/partnerships/:slug/calendar.ics', async (c) => icsResponse(c, await calendar.partnershipFeed(c.req.param('slug')), 'inline'))
  app.get('/bodies/:slug/calendar.ics', async (c) => icsResponse(c, await calendar.bodyFeed(c.req.param('slug')), 'inline'))
  app.get('/meetings/:id/calendar.ics', async (c) => icsResponse(c, await calendar.meetingIcs(c.req.param('id')), 'attachment'))

  return app
}
