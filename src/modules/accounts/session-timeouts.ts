/**
 * When a session ends (OWASP ASVS 3.3): after `idleMs` without a request, and `absoluteMs` after it began however
 * busy it is. "Began" is the session's created_at, which a rotation of its id carries over, so rotating never
 * extends it. Pure arithmetic, so the rules are tested without a clock or a database.
 */
export type SessionTimeouts = { idleMs: number; absoluteMs: number }

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** SESSION_IDLE_MINUTES=480 and SESSION_ABSOLUTE_HOURS=24 unless configured. */
export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { idleMs: 480 * MINUTE, absoluteMs: 24 * HOUR }

export function sessionTimeouts(config: { sessionIdleMinutes: number; sessionAbsoluteHours: number }): SessionTimeouts {
  return { idleMs: config.sessionIdleMinutes * MINUTE, absoluteMs: config.sessionAbsoluteHours * HOUR }
}

/** A session is live at `now` when it was seen after this and began after that (both strictly). */
export function liveSince(now: Date, t: SessionTimeouts): { lastSeenAfter: Date; createdAfter: Date } {
  return { lastSeenAfter: new Date(now.getTime() - t.idleMs), createdAfter: new Date(now.getTime() - t.absoluteMs) }
}

export function isLive(session: { createdAt: Date; lastSeenAt: Date }, now: Date, t: SessionTimeouts): boolean {
  const { lastSeenAfter, createdAfter } = liveSince(now, t)
  return session.lastSeenAt > lastSeenAfter && session.createdAt > createdAfter
}

/** The moment the session ends if nothing more happens: the earlier of the idle and the absolute limit. */
export function expiresAt(session: { createdAt: Date; lastSeenAt: Date }, t: SessionTimeouts): Date {
  return new Date(Math.min(session.lastSeenAt.getTime() + t.idleMs, session.createdAt.getTime() + t.absoluteMs))
}

/**
 * How stale last_seen_at may get before a request writes it again: every request writing would cost a write per
 * page, so at most every 5 minutes, and more often when the idle limit is short (a tenth of it), so an active
 * user is never taken for idle.
 */
export function touchInterval(t: SessionTimeouts): number {
  return Math.min(5 * MINUTE, Math.floor(t.idleMs / 10))
}
