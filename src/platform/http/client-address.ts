import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { AppEnv } from './types.ts'

/**
 * The address a request came from, for throttles and logs.
 *
 * With no trusted proxy (TRUST_PROXY=0, the default) it is the socket's peer: a client cannot forge it.
 * Behind N reverse proxies that each append to X-Forwarded-For (TRUST_PROXY=N), the client is the entry
 * the outermost trusted proxy appended: the N-th from the right. Entries further left were written by the
 * client and are ignored. A request carrying fewer entries than that did not come through every proxy, and
 * falls back to the leftmost entry it has, which is the best any honest chain could say.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const socket = socketAddress(c)
  const hops = c.var.config?.trustProxy ?? 0
  if (hops === 0) return socket
  return forwardedClient(c.req.header('x-forwarded-for'), hops) ?? socket
}

/** The client named by the N-th entry from the right of X-Forwarded-For, or null when the header is empty. */
export function forwardedClient(header: string | undefined, hops: number): string | null {
  if (!header || hops < 1) return null
  const entries = header
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
  if (entries.length === 0) return null
  const entry = entries[Math.max(0, entries.length - hops)]
  return entry === undefined ? null : withoutPort(entry)
}

/**
 * Some proxies append "address:port"; the port changes with every connection, so a throttle keyed on it
 * would never trip. "203.0.113.9:5123" and "[2001:db8::1]:5123" lose the port; a bare IPv6 address is kept.
 */
function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry)
  if (bracketed) return bracketed[1]!
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry)
  return v4 ? v4[1]! : entry
}

function socketAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
