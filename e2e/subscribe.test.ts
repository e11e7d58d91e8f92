import { describe, expect, it } from 'vitest'
import { useJourney } from './support/journey.ts'
import { clickButton, clickLink, fillByLabel, verifyOnPage } from './pages/base.ts'
import { mainText } from './pages/public.ts'

/**
 * Email alerts in a real browser, with axe on every page visited (the error page too): a reader asks for
 * alerts on a body page, corrects a bad address, confirms through the link emailed to a real SMTP server,
 * and later stops the alerts through the link in the "you already get alerts" email.
 */
const journey = useJourney({ demo: true, smtp: true })

const BOARD = 'Chorley Public Service Reform Board'
const READER = 'reader.e2e@example.org'
const linkIn = (text: string, pattern: string) => new RegExp(`${journey.app.baseUrl.replace(/[.]/g, '\\.')}${pattern}`).exec(text)?.[0]

describe('email alerts for a body', () => {
  it('asks, shows an error for a bad address, confirms through the emailed link, and unsubscribes', async () => {
    const p = await journey.page()
    const page = p.page
    await p.goto(`${journey.app.baseUrl}/`)
    await clickLink(p, 'Chorley Public Service Reform Partnership')
    await clickLink(p, BOARD)
    await verifyOnPage(p, BOARD)
    const bodyUrl = page.url()

    await p.step(() => page.locator('aside.app-channels').getByRole('link', { name: 'Get email alerts', exact: true }).click())
    await verifyOnPage(p, `Get email alerts for ${BOARD}`)

    // An address that is not one: the error summary, linked to the field, and the value kept
    await fillByLabel(p, { 'Email address': 'not-an-email-address' })
    await clickButton(p, 'Get email alerts')
    await verifyOnPage(p, `Get email alerts for ${BOARD}`)
    expect(await page.title()).toMatch(/^Error: /)
    const summary = page.locator('.govuk-error-summary')
    expect(await summary.getByRole('heading').textContent()).toContain('There is a problem')
    const summaryLink = summary.getByRole('link').first()
    expect(await summaryLink.getAttribute('href')).toBe('#email')
    const message = ((await summaryLink.textContent()) ?? '').trim()
    expect(message.length).toBeGreaterThan(5)
    expect(await page.locator('#email-error').textContent()).toContain(message)
    expect(await page.getByLabel('Email address', { exact: true }).inputValue()).toBe('not-an-email-address')
    expect(await page.getByLabel('Email address', { exact: true }).getAttribute('aria-describedby')).toContain('email-error')
    // The summary link moves focus to the field (GOV.UK Frontend's error summary behaviour)
    await summaryLink.click()
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('email')
    expect(journey.smtp.messages).toHaveLength(0)

    // A good address: "Check your email", and the confirmation email arrives
    await page.getByLabel('Email address', { exact: true }).fill(READER)
    await clickButton(p, 'Get email alerts')
    await verifyOnPage(p, 'Check your email')
    const sent = await mainText(p)
    expect(sent).toContain(`alerts for ${BOARD}`)
    expect(sent).not.toContain(READER)
    await expect.poll(() => journey.smtp.to(READER).length).toBe(1)
    const confirmation = journey.smtp.to(READER)[0]!
    expect(confirmation.subject).toBe(`Confirm your email alerts for ${BOARD}`)
    const confirmLink = linkIn(confirmation.text, '/subscriptions/confirm/[A-Za-z0-9_-]{20,}')
    expect(confirmLink).toBeDefined()
    await clickLink(p, `Back to ${BOARD}`)
    expect(page.url()).toBe(bodyUrl)

    // The link shows a Confirm button (a GET must not confirm: mail scanners follow links)
    await p.goto(confirmLink!)
    await verifyOnPage(p, `Confirm email alerts for ${BOARD}`)
    await clickButton(p, 'Confirm')
    expect(await page.locator('.govuk-panel__title').textContent()).toContain('Email alerts confirmed')
    expect(await mainText(p)).toContain(`You will get alerts for ${BOARD}`)
    expect(await page.content()).not.toContain(READER)
    // Used once: the same link is no longer valid
    const again = await p.goto(confirmLink!)
    expect(again!.status()).toBe(404)
    await verifyOnPage(p, 'This link is not valid')

    // Asking again from a confirmed address sends a note with a link to stop the alerts
    await p.goto(bodyUrl)
    await clickLink(p, 'Get email alerts')
    await fillByLabel(p, { 'Email address': READER })
    await clickButton(p, 'Get email alerts')
    await verifyOnPage(p, 'Check your email')
    await expect.poll(() => journey.smtp.to(READER).length).toBe(2)
    const note = journey.smtp.to(READER)[1]!
    expect(note.subject).toBe(`You already get email alerts for ${BOARD}`)
    const unsubscribeLink = linkIn(note.text, '/subscriptions/unsubscribe/[A-Za-z0-9_-]{20,}')
    expect(unsubscribeLink).toBeDefined()
    expect(note.rawHeaders).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click')

    await p.goto(unsubscribeLink!)
    await verifyOnPage(p, `Stop email alerts for ${BOARD}`)
    await clickButton(p, 'Stop email alerts')
    await verifyOnPage(p, 'You have unsubscribed')
    expect(await mainText(p)).toContain(`You will not get any more email alerts for ${BOARD}`)
    expect(await page.content()).not.toContain(READER)
    await clickLink(p, `Go to ${BOARD}`)
    expect(page.url()).toBe(bodyUrl)

    expect(p.reports.length).toBeGreaterThanOrEqual(14)
    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})
