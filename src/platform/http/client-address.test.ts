import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../config.ts'
import type { AppEnv } from './types.ts'
import { clientAddress, forwardedClient } from './client-address.ts'

describe('forwardedClient', () => {
  it('takes the entry the outermost trusted proxy appended: the N-th from the right', () => {
    expect(forwardedClient('203.0.113.9', 1)).toBe('203.0.113.9')
    expect(forwardedClient('198.51.100.1, 203.0.113.9', 1)).toBe('203.0.113.9')
    expect(forwardedClient('198.51.100.1, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9')
    expect(forwardedClient(' 2001:db8::1 ,10.0.0.2', 2)).toBe('2001:db8::1')
  })

  it('drops a port some proxies append, so each new connection does not get a fresh throttle key', () => {
    expect(forwardedClient('203.0.113.9:51234', 1)).toBe('203.0.113.9')
    expect(forwardedClient('[2001:db8::1]:51234', 1)).toBe('2001:db8::1')
    expect(forwardedClient('[2001:db8::1]', 1)).toBe('2001:db8::1')
    expect(forwardedClient('2001:db8::1', 1)).toBe('2001:db8::1')
  })

  it('falls back to the leftmost entry when the chain is shorter than the proxies trusted, and to nothing when empty', () => {
    expect(forwardedClient('203.0.113.9', 3)).toBe('203.0.113.9')
    expect(forwardedClient('', 1)).toBeNull()
    expect(forwardedClient(' , ', 1)).toBeNull()
    expect(forwardedClient(undefined, 1)).toBeNull()
    expect(forwardedClient('203.0.113.9', 0)).toBeNull()
  })
})

describe('clientAddress', () => {
  const app = (trustProxy: number) => {
    const config = { ...loadConfig({}), trustProxy }
    const a = new Hono<AppEnv>()
    a.use('*', async (c, next) => {
      c.set('config', config)
      await next()
    })
    a.get('/', (c) => c.text(clientAddress(c)))
    return a
  }
  const ask = async (trustProxy: number, xff?: string) =>
    (await app(trustProxy).request('/', { headers: xff ? { 'x-forwarded-for': xff } : {} })).text()

  it('ignores X-Forwarded-For unless proxies are trusted, so a client cannot pick its own throttle key', async () => {
    // app.request() has no socket: the socket address reads as "unknown".
    expect(await ask(0, '198.51.100.77')).toBe('unknown')
    expect(await ask(0)).toBe('unknown')
  })

  it('behind one trusted proxy, uses the address that proxy saw, not one the client wrote', async () => {
    expect(await ask(1, '198.51.100.77')).toBe('198.51.100.77')
    expect(await ask(1, 'forged-by-client, 198.51.100.77')).toBe('198.51.100.77')
    expect(await ask(1)).toBe('unknown')
  })
})

describe('TRUST_PROXY', () => {
  it('defaults to 0 and takes a small whole number', () => {
    expect(loadConfig({}).trustProxy).toBe(0)
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/)
    expect(() => loadConfig({ TRUST_PROXY: '1.5' })).toThrow(/TRUST_PROXY/)
  })
})
