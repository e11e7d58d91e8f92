import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

describe('configuration', () => {
  it('has development defaults: port 3000, ./data, demo on', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ env: 'development', port: 3000, host: 'localhost', dataDir: './data', demo: true, secureCookies: false })
    expect(c.databaseUrl).toBeUndefined()
  })
  it('reads PORT, HOST, DATA_DIR and DATABASE_URL', () => {
    const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/srv/ju', DATABASE_URL: 'postgres://u@db/ju' })
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/srv/ju', databaseUrl: 'postgres://u@db/ju' })
  })
  it('refuses demo mode in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: 'true', SESSION_SECRET: 'x'.repeat(40) })).toThrow(ConfigError)
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: 'true', SESSION_SECRET: 'x'.repeat(40) })).toThrow(/demo mode/)
  })
  it('requires a session secret in production and turns demo off and secure cookies on', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/)
    const c = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })
    expect(c).toMatchObject({ demo: false, secureCookies: true })
  })
  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/)
  })
})
