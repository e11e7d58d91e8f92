import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { routeParam, privatePage } from '../../platform/http/params.ts'
import { clientAddress } from '../../platform/http/client-address.ts'
import { blankForm, formHandler, type FormState } from '../../platform/http/form-route.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { feedPaths } from './feeds.paths.ts'
import { SubscribeSchema } from './subscriptions.schemas.ts'
import type { TokenView } from './subscriptions.service.ts'

const VIEWS = {
  subscribe: 'publishing/views/subscribe.njk',
  sent: 'publishing/views/subscribe-sent.njk',
  tooMany: 'publishing/views/subscribe-too-many.njk',
  confirm: 'publishing/views/subscribe-confirm.njk',
  confirmed: 'publishing/views/subscribe-confirmed.njk',
  invalid: 'publishing/views/subscribe-link-invalid.njk',
  unsubscribe: 'publishing/views/subscribe-unsubscribe.njk',
  unsubscribed: 'publishing/views/subscribe-unsubscribed.njk',
}

function invalidLink(c: Context<AppEnv>, view: Exclude<TokenView, { state: 'valid' }>) {
  return render(
    c,
    VIEWS.invalid,
    { pageTitle: view.state === 'expired' ? 'This link has expired' : 'This link is not valid', expired: view.state === 'expired' },
    view.state === 'expired' ? 410 : 404,
  )
}

/**
 * Email alerts: the subscribe form, the confirmation link (GET shows a button, POST confirms) and the
 * unsubscribe link (GET shows a button; POST, also RFC 8058 one-click from a mail client, without CSRF).
 * No page ever shows an email address other than what the user just typed into the form.
 */
export function subscriptionsRoutes(services: Services) {
  const { structure } = services
  const subs = services.feeds.subscriptions
  const app = new Hono<AppEnv>()

  type Body = Awaited<ReturnType<typeof structure.getBodyBySlug>>
  const loadBody = (c: Context<AppEnv>) => {
    privatePage(c)
    return structure.getBodyBySlug(routeParam(c, 'slug'))
  }
  const subscribePage = (c: Context<AppEnv>, body: Body, form: FormState) =>
    render(
      c,
      VIEWS.subscribe,
      {
        pageTitle: `Get email alerts for ${body.name}`,
        body: { name: body.name, href: structurePaths.public.body(body.slug), partnershipName: body.partnership.name },
        formAction: feedPaths.subscribe(body.slug),
        feeds: { atom: feedPaths.bodyAtom(body.slug), rss: feedPaths.bodyRss(body.slug) },
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary,
      },
      form.status,
    )

  app.get(feedPaths.subscribe(':slug'), async (c) => subscribePage(c, await loadBody(c), blankForm()))

  app.post(
    feedPaths.subscribe(':slug'),
    formHandler({
      load: loadBody,
      schema: SubscribeSchema,
      page: subscribePage,
      submit: async (c, data, body) => {
        const outcome = await subs.subscribe(body.slug, data.email, clientAddress(c))
        const page = { body: { name: body.name, href: structurePaths.public.body(body.slug) } }
        if (outcome.state === 'too_many') {
          c.header('Retry-After', String(outcome.retryAfterSeconds))
          return render(c, VIEWS.tooMany, { pageTitle: 'Too many requests', ...page }, 429)
        }
        return render(c, VIEWS.sent, { pageTitle: 'Check your email', ...page })
      },
    }),
  )

  /** A link from an email (confirm, unsubscribe): GET shows a button for the body, POST does it; a bad token says why. */
  function emailLink(
    path: (token: string) => string,
    use: { check: (token: string) => Promise<TokenView>; act: (token: string) => Promise<TokenView> },
    pages: { ask: string; askTitle: (bodyName: string) => string; done: string; doneTitle: string },
  ) {
    app.get(path(':token'), async (c) => {
      privatePage(c)
      const token = routeParam(c, 'token')
      const view = await use.check(token)
      if (view.state !== 'valid') return invalidLink(c, view)
      return render(c, pages.ask, { pageTitle: pages.askTitle(view.bodyName), bodyName: view.bodyName, formAction: path(token) })
    })
    app.post(path(':token'), async (c) => {
      privatePage(c)
      const view = await use.act(routeParam(c, 'token'))
      if (view.state !== 'valid') return invalidLink(c, view)
      return render(c, pages.done, { pageTitle: pages.doneTitle, bodyName: view.bodyName, bodyHref: structurePaths.public.body(view.bodySlug) })
    })
  }

  emailLink(
    feedPaths.confirm,
    { check: (token) => subs.viewConfirm(token), act: (token) => subs.confirm(token) },
    { ask: VIEWS.confirm, askTitle: (name) => `Confirm email alerts for ${name}`, done: VIEWS.confirmed, doneTitle: 'Email alerts confirmed' },
  )

  // RFC 8058: a mail client POSTs "List-Unsubscribe=One-Click" to the unsubscribe link with no cookie and no CSRF token (see app.ts).
  emailLink(
    feedPaths.unsubscribe,
    { check: (token) => subs.viewUnsubscribe(token), act: (token) => subs.unsubscribe(token) },
    { ask: VIEWS.unsubscribe, askTitle: (name) => `Stop email alerts for ${name}`, done: VIEWS.unsubscribed, doneTitle: 'You have unsubscribed' },
  )

  return app
}
