import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Debian's chromium, headless, with a fresh profile and no background network. */
export async function launchBrowser(opts: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: apt-get install chromium (npm test installs it when allowed)`)
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    context,
    close: async () => {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

export type A11yReport = { url: string; violations: string[] }

/** axe's landmark rules: one banner, main and contentinfo, none nested in another landmark, each region unique. */
export const LANDMARK_RULES = [
  'landmark-banner-is-top-level',
  'landmark-complementary-is-top-level',
  'landmark-contentinfo-is-top-level',
  'landmark-main-is-top-level',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'landmark-one-main',
  'landmark-unique',
]

/**
 * Wraps a page so that every document it loads is checked with axe (WCAG 2.2 A and AA) once
 * the action that loaded it settles. Journeys call `visited()` at the end to assert every page passed.
 */
export class CheckedPage {
  readonly reports: A11yReport[] = []
  private loads = 0
  private checkedLoads = 0

  /** URLs seen with JavaScript off: axe needs script, so they are checked afterwards (checkDeferred). */
  readonly deferred: string[] = []
  /** Pages of other sites the journey passed through (a single sign-on provider's): not ours to check, listed here. */
  readonly skipped: string[] = []

  /**
   * `ownOrigin`: only pages of this origin are checked with axe (the app's pages); a page elsewhere is recorded
   * in `skipped` instead, so a journey through another site can still assert that every page of ours passed.
   */
  constructor(
    readonly page: Page,
    private readonly opts: { javaScript?: boolean; ownOrigin?: string } = {},
  ) {
    page.setDefaultTimeout(10_000)
    page.on('domcontentloaded', () => {
      this.loads++
    })
  }

  /** Run an action (click, submit, goto); if it loaded a new page, check that page. */
  async step<T>(action: () => Promise<T>): Promise<T> {
    const result = await action()
    await this.page.waitForLoadState('load')
    if (this.loads !== this.checkedLoads) {
      this.checkedLoads = this.loads
      if (this.opts.ownOrigin && new URL(this.page.url()).origin !== this.opts.ownOrigin) this.skipped.push(this.page.url())
      else if (this.opts.javaScript === false) this.deferred.push(this.page.url())
      else await this.checkA11y()
    }
    return result
  }

  goto(url: string) {
    return this.step(() => this.page.goto(url))
  }

  async checkA11y(): Promise<void> {
    const results = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze()
    // axe tags its landmark rules best-practice, not WCAG, so the run above skips them: a second run checks them.
    const landmarks = await new AxeBuilder({ page: this.page }).withRules(LANDMARK_RULES).analyze()
    this.reports.push({
      url: this.page.url(),
      violations: [...results.violations, ...landmarks.violations].map(
        (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`,
      ),
    })
  }

  /** Check the pages a no-JavaScript journey saw, by loading each again in a page with script. */
  async checkDeferred(withScript: Page): Promise<void> {
    const checker = new CheckedPage(withScript)
    for (const url of new Set(this.deferred)) await checker.goto(url)
    this.reports.push(...checker.reports)
  }

  /** Pages visited with their axe violations; a journey asserts this is all empty. */
  violations(): A11yReport[] {
    return this.reports.filter((r) => r.violations.length > 0)
  }
}
