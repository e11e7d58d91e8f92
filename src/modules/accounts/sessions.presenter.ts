import { formatDateTime } from '../../shared/dates.ts'
import { accountPaths } from './accounts.paths.ts'
import type { MySession } from './session-list.ts'
import type { SessionTimeouts } from './session-timeouts.ts'

/** Browsers, most specific first: Edge, Opera and Samsung Internet also say "Chrome"; Chrome also says "Safari". */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bHeadlessChrome\//, 'Chrome (headless)'],
  [/\b(Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bMSIE |\bTrident\//, 'Internet Explorer'],
]

/** Systems, most specific first: iPhones and Android phones also say "like Mac OS X" and "Linux". */
const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'Mac'],
  [/\bLinux\b/, 'Linux'],
]

/** A User-Agent in plain words: "Firefox on Windows", "Safari on iPhone"; "Unknown browser" when it says nothing we know. */
export function describeBrowser(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown browser'
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1]
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1]
  if (browser && system) return `${browser} on ${system}`
  if (browser) return browser
  if (system) return `A browser on ${system}`
  return 'Unknown browser'
}

const METHODS: Record<string, string> = {
  password: 'Password',
  sso: 'Single sign-on',
  passkey: 'Passkey',
  'password+totp': 'Password and authenticator app',
  'password+recovery': 'Password and recovery code',
  'password+passkey': 'Password and passkey',
}

/** How the session began, in words; a method this page does not know is shown as it is stored, made readable. */
export function methodText(method: string): string {
  return METHODS[method] ?? method.replace(/\+/g, ' and ').replace(/_/g, ' ')
}

/** "Your sessions": one row per session, with what its sign-out button posts to. */
export function sessionRows(sessions: MySession[]) {
  return sessions.map((s) => ({
    browser: describeBrowser(s.userAgent),
    userAgent: s.userAgent ?? '',
    started: formatDateTime(s.createdAt),
    lastActive: formatDateTime(s.lastSeenAt),
    method: methodText(s.method),
    address: s.client && s.client !== 'unknown' ? s.client : 'Not known',
    current: s.current,
    endHref: accountPaths.endSession(s.id),
  }))
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`

/** A length of time in the largest whole unit, days only from two: "8 hours", "24 hours", "90 minutes", "3 days". */
export function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes >= 2 * 24 * 60 && minutes % (24 * 60) === 0) return plural(minutes / (24 * 60), 'day')
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour')
  return plural(minutes, 'minute')
}

/** The idle and absolute limits, for the sentence on "Your sessions". */
export const limitsText = (t: SessionTimeouts) => ({ idle: durationText(t.idleMs), absolute: durationText(t.absoluteMs) })
