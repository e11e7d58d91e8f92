/**
 * Sign-in throttling (OWASP ASVS 2.2.1, issue 10 defect 2). Every attempt is counted the moment it arrives,
 * synchronously, BEFORE the slow password hash is checked: parallel requests cannot all slip in under the
 * limit while the first ones are still hashing (Node runs this code without interleaving).
 *
 * Three counters, in memory per instance (with several instances each counts on its own, which still bounds
 * guessing to the limits times the instances):
 * - account + address: five attempts free, then each further one must wait longer (1, 2, 4 ... up to 15
 *   minutes after the last; forgotten after an hour of quiet). This slows a guesser without locking the real owner out from their own address.
 * - address: 50 attempts in 15 minutes across all accounts (one address trying many accounts).
 * - account: 100 attempts in an hour across all addresses (a spread-out guesser), except from an address that
 *   signed in to that account successfully in the last 30 days, so the owner is not locked out by strangers.
 * A successful sign-in clears its account + address counter and does not count against the others.
 *
 * Two-factor sign-in: a right password for an account with a second factor is not yet a success (the attempt
 * stays counted); the codes are counted under their own key (`second-factor:<user id>`) with the same rules, so
 * an attacker who has the password is slowed per address and per account, and the owner, from an address that
 * completed sign-in before, is not locked out by them. Completing the second factor calls `completed`.
 */
export type ThrottleDecision = { ok: true; ticket: Ticket } | { ok: false; retryAfterMs: number }
type Ticket = { pair: string; client: string; account: string; accountCounted: boolean }

type Entry = { count: number; since: number; last: number }

export const PAIR_FREE_ATTEMPTS = 5
const PAIR_BASE_WAIT_MS = 60_000
const PAIR_MAX_WAIT_MS = 15 * 60_000
/** A pair's count is forgotten after an hour with no attempt (longer than the longest wait, so waiting it out does not reset it). */
const PAIR_FORGET_MS = 60 * 60_000
const CLIENT_LIMIT = 50
const CLIENT_WINDOW_MS = 15 * 60_000
const ACCOUNT_LIMIT = 100
const ACCOUNT_WINDOW_MS = 60 * 60_000
const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000

export function createSignInThrottle(opts: { now?: () => number; maxKeys?: number } = {}) {
  const now = opts.now ?? Date.now
  const maxKeys = opts.maxKeys ?? 50_000
  const pairs = new Map<string, Entry>()
  const clients = new Map<string, Entry>()
  const accounts = new Map<string, Entry>()
  const knownAddresses = new Map<string, number>() // account|address -> last successful sign-in

  const bounded = <V>(map: Map<string, V>, key: string, value: V) => {
    if (!map.has(key) && map.size >= maxKeys) map.delete(map.keys().next().value!)
    map.set(key, value)
  }
  /** A fixed-window counter: the entry, or undefined once its window has passed. */
  const windowed = (map: Map<string, Entry>, key: string, windowMs: number) => {
    const e = map.get(key)
    if (e && now() - e.since >= windowMs) {
      map.delete(key)
      return undefined
    }
    return e
  }
  const count = (map: Map<string, Entry>, key: string, e: Entry | undefined) => {
    if (e) {
      e.count++
      e.last = now()
    } else bounded(map, key, { count: 1, since: now(), last: now() })
  }
  const pairWait = (e: Entry | undefined): number => {
    if (!e || e.count < PAIR_FREE_ATTEMPTS) return 0
    const wait = Math.min(PAIR_BASE_WAIT_MS * 2 ** (e.count - PAIR_FREE_ATTEMPTS), PAIR_MAX_WAIT_MS)
    return Math.max(0, wait - (now() - e.last))
  }

  return {
    /** Counts this attempt now, or refuses it (and then it is not counted). */
    admit(accountKey: string, client: string): ThrottleDecision {
      const account = accountKey.trim().toLowerCase()
      const pair = `${account}|${client}`
      let p = pairs.get(pair)
      if (p && now() - p.last >= PAIR_FORGET_MS) {
        pairs.delete(pair)
        p = undefined
      }
      const c = windowed(clients, client, CLIENT_WINDOW_MS)
      const a = windowed(accounts, account, ACCOUNT_WINDOW_MS)
      const knownAt = knownAddresses.get(pair)
      const known = knownAt !== undefined && now() - knownAt < KNOWN_ADDRESS_MS
      const waits = [
        pairWait(p),
        c && c.count >= CLIENT_LIMIT ? CLIENT_WINDOW_MS - (now() - c.since) : 0,
        !known && a && a.count >= ACCOUNT_LIMIT ? ACCOUNT_WINDOW_MS - (now() - a.since) : 0,
      ]
      const wait = Math.max(...waits)
      if (wait > 0) return { ok: false, retryAfterMs: wait }
      count(pairs, pair, p)
      count(clients, client, c)
      if (!known) count(accounts, account, a)
      return { ok: true, ticket: { pair, client, account, accountCounted: !known } }
    },

    /** The attempt was right: forget its pair's failures, give back its count, remember the address. */
    succeeded(ticket: Ticket): void {
      pairs.delete(ticket.pair)
      const c = clients.get(ticket.client)
      if (c && c.count > 0) c.count--
      const a = ticket.accountCounted ? accounts.get(ticket.account) : undefined
      if (a && a.count > 0) a.count--
      bounded(knownAddresses, ticket.pair, now())
    },

    /**
     * A sign-in whose password attempt was admitted earlier was completed by a second factor: forget that
     * pair's failures and remember the address, as `succeeded` would have at the password step.
     */
    completed(accountKey: string, client: string): void {
      const account = accountKey.trim().toLowerCase()
      const pair = `${account}|${client}`
      const knownAt = knownAddresses.get(pair)
      pairs.delete(pair)
      // Give back the password attempt's counts, so many people signing in from one office stay under its limit.
      const c = clients.get(client)
      if (c && c.count > 0) c.count--
      const a = knownAt !== undefined && now() - knownAt < KNOWN_ADDRESS_MS ? undefined : accounts.get(account)
      if (a && a.count > 0) a.count--
      bounded(knownAddresses, pair, now())
    },
  }
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>
