import { afterAll, beforeAll, expect } from 'vitest'
import type { Page } from 'playwright-core'
import { launchBrowser, CheckedPage } from './browser.ts'
import { startApp, type RunningApp } from './server.ts'
import { startTestSmtpServer, type TestSmtpServer } from '../../test/support/smtp.ts'
import { createMailer, type Mailer } from '../../src/platform/mail/mailer.ts'
import { testConfig } from '../../test/support/app.ts'
import type { Config } from '../../src/config.ts'
import { seedDemoIfEmpty } from '../../src/demo/demo.seed.ts'

type Browser = Awaited<ReturnType<typeof launchBrowser>>

export type JourneyOptions = {
  /** Seed the Chorley demo (and assert it was seeded into the fresh database). */
  demo?: boolean
  /** Send mail through a real SMTP server the journey can read (`journey.smtp`). */
  smtp?: boolean
  /** A second browser with JavaScript off (`journey.noJsPage()`). */
  noJs?: boolean
  /** A second browser with JavaScript on: someone else on another machine, no cookies shared (`journey.otherPage()`). */
  other?: boolean
  /** The host name in the app's address (default 127.0.0.1); passkeys need 'localhost', a domain. */
  publicHost?: string
  /** More set-up once the app runs (and the demo is seeded), before the browsers launch; may return its own stop. */
  setUp?: (app: RunningApp) => Promise<void | (() => Promise<void>)>
  /**
   * Before the app is built, once its address is known: start something the app's configuration must name (a
   * single sign-on provider, which must know the app's redirect URI), and return that configuration and a stop.
   */
  beforeApp?: (baseUrl: string) => Promise<{ config: Partial<Config>; stop: () => Promise<void> }>
}

export type Journey = {
  readonly app: RunningApp
  readonly smtp: TestSmtpServer
  /** A new page in the main browser, checked with axe on every load of the app's own pages (`skipped` lists others). */
  page(): Promise<CheckedPage>
  /** A new page in the second browser (`other: true`). */
  otherPage(): Promise<CheckedPage>
  /** A new page with JavaScript off (`noJs: true`); its pages are checked afterwards with checkDeferred. */
  noJsPage(): Promise<CheckedPage>
  /** A plain page in the main browser, e.g. for CheckedPage.checkDeferred. */
  plainPage(): Promise<Page>
}

/**
 * The set-up every browser journey shares: the real app on a fresh database (optionally the demo seeded and
 * mail going to a test SMTP server), one or more headless browsers, and all of it closed after the file.
 */
export function useJourney(opts: JourneyOptions = {}): Journey {
  let app: RunningApp | undefined
  let smtp: TestSmtpServer | undefined
  let mailer: Mailer | undefined
  let stopSetUp: void | (() => Promise<void>)
  let stopBeforeApp: (() => Promise<void>) | undefined
  let main: Browser | undefined
  let other: Browser | undefined
  let noJs: Browser | undefined

  beforeAll(async () => {
    if (opts.smtp) {
      smtp = await startTestSmtpServer()
      mailer = createMailer(testConfig({ smtpUrl: smtp.url }))
    }
    app = await startApp({
      mailer,
      publicHost: opts.publicHost,
      configure: opts.beforeApp
        ? async (baseUrl) => {
            const { config, stop } = await opts.beforeApp!(baseUrl)
            stopBeforeApp = stop
            return config
          }
        : undefined,
    })
    if (opts.demo) expect(await seedDemoIfEmpty(app.services)).toBe(true)
    stopSetUp = await opts.setUp?.(app)
    main = await launchBrowser()
    if (opts.other) other = await launchBrowser()
    if (opts.noJs) noJs = await launchBrowser({ javaScriptEnabled: false })
  })
  afterAll(async () => {
    await noJs?.close()
    await other?.close()
    await main?.close()
    if (stopSetUp) await stopSetUp()
    await app?.stop()
    await stopBeforeApp?.()
    mailer?.close?.()
    await smtp?.stop()
  })

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useJourney: no ${what} (not asked for, or set-up has not run)`)
    return value
  }
  return {
    get app() {
      return need(app, 'app')
    },
    get smtp() {
      return need(smtp, 'SMTP server (smtp: true)')
    },
    page: async () => new CheckedPage(await need(main, 'browser').context.newPage(), { ownOrigin: need(app, 'app').baseUrl }),
    otherPage: async () => new CheckedPage(await need(other, 'second browser (other: true)').context.newPage(), { ownOrigin: need(app, 'app').baseUrl }),
    noJsPage: async () => new CheckedPage(await need(noJs, 'no-JavaScript browser (noJs: true)').context.newPage(), { javaScript: false }),
    plainPage: () => need(main, 'browser').context.newPage(),
  }
}
