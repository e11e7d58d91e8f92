import { describe, expect, it } from 'vitest'
import { describeBrowser, durationText, methodText, sessionRows } from './sessions.presenter.ts'

const UA = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36',
  samsung: 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  chromeIpad: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  headless: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
}

describe('the browser in plain words', () => {
  it('names the browser and the system, most specific first', () => {
    expect(describeBrowser(UA.chromeWindows)).toBe('Chrome on Windows')
    expect(describeBrowser(UA.edgeWindows)).toBe('Edge on Windows')
    expect(describeBrowser(UA.firefoxMac)).toBe('Firefox on Mac')
    expect(describeBrowser(UA.safariIphone)).toBe('Safari on iPhone')
    expect(describeBrowser(UA.chromeAndroid)).toBe('Chrome on Android')
    expect(describeBrowser(UA.samsung)).toBe('Samsung Internet on Android')
    expect(describeBrowser(UA.safariMac)).toBe('Safari on Mac')
    expect(describeBrowser(UA.chromeIpad)).toBe('Chrome on iPad')
    expect(describeBrowser(UA.firefoxLinux)).toBe('Firefox on Linux')
    expect(describeBrowser(UA.headless)).toBe('Chrome (headless) on Linux')
  })
  it('says what it can, and "Unknown browser" for nothing or nonsense', () => {
    expect(describeBrowser(null)).toBe('Unknown browser')
    expect(describeBrowser('')).toBe('Unknown browser')
    expect(describeBrowser('curl/8.5.0')).toBe('Unknown browser')
    expect(describeBrowser('SomeApp (Windows NT 10.0)')).toBe('A browser on Windows')
  })
})

describe('session wording', () => {
  it('names how a session began', () => {
    expect(methodText('password')).toBe('Password')
    expect(methodText('sso')).toBe('Single sign-on')
    expect(methodText('password+totp')).toBe('Password and authenticator app')
    expect(methodText('magic_link+thing')).toBe('magic link and thing')
  })
  it('says a length of time in its largest whole unit, days only from two', () => {
    expect(durationText(480 * 60_000)).toBe('8 hours')
    expect(durationText(24 * 3_600_000)).toBe('24 hours')
    expect(durationText(60 * 60_000)).toBe('1 hour')
    expect(durationText(90 * 60_000)).toBe('90 minutes')
    expect(durationText(1 * 60_000)).toBe('1 minute')
    expect(durationText(72 * 3_600_000)).toBe('3 days')
  })
  it('builds rows with London times, the address or "Not known", and a sign-out link per session', () => {
    const [row] = sessionRows([
      { id: 'abcdefghijklmnopqrstuv', createdAt: new Date('2026-07-01T08:05:00Z'), lastSeenAt: new Date('2026-07-01T11:30:00Z'), method: 'sso', userAgent: UA.firefoxMac, client: 'unknown', current: false },
    ])
    expect(row).toEqual({
      browser: 'Firefox on Mac',
      userAgent: UA.firefoxMac,
      started: '1 July 2026 at 9.05am',
      lastActive: '1 July 2026 at 12.30pm',
      method: 'Single sign-on',
      address: 'Not known',
      current: false,
      endHref: '/account/sessions/abcdefghijklmnopqrstuv/sign-out',
    })
  })
})
