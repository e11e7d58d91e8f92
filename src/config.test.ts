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

  it('reads the session limits, 8 hours idle and 24 absolute by default, and refuses nonsense clearly', () => {
    expect(loadConfig({})).toMatchObject({ sessionIdleMinutes: 480, sessionAbsoluteHours: 24 })
    expect(loadConfig({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '8' })).toMatchObject({ sessionIdleMinutes: 30, sessionAbsoluteHours: 8 })
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '2' })).toThrow(/SESSION_IDLE_MINUTES must be at least 5/)
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: 'soon' })).toThrow(/SESSION_IDLE_MINUTES/)
    expect(() => loadConfig({ SESSION_ABSOLUTE_HOURS: '0' })).toThrow(/SESSION_ABSOLUTE_HOURS must be at least 1/)
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '600', SESSION_ABSOLUTE_HOURS: '8' })).toThrow(/longer than SESSION_ABSOLUTE_HOURS/)
  })
})

describe('single sign-on configuration', () => {
  const entra = {
    OIDC_ISSUER: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
    OIDC_CLIENT_ID: 'client-id',
    OIDC_CLIENT_SECRET: 'client-secret',
    OIDC_DISPLAY_NAME: 'Microsoft',
  }
  const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://meetings.example.org' }

  it('is off unless configured', () => {
    expect(loadConfig({}).sso).toBeUndefined()
  })
  it('builds the redirect URI from PUBLIC_URL and names the button', () => {
    expect(loadConfig({ ...production, ...entra, PUBLIC_URL: 'https://meetings.example.org/' }).sso).toEqual({
      issuer: entra.OIDC_ISSUER,
      clientId: 'client-id',
      clientSecret: 'client-secret',
      displayName: 'Microsoft',
      redirectUri: 'https://meetings.example.org/sign-in/sso/callback',
    })
    expect(loadConfig({ ...entra, OIDC_DISPLAY_NAME: undefined }).sso?.displayName).toBe('your organisation account')
  })
  it('says which of issuer, client id and secret are missing', () => {
    expect(() => loadConfig({ OIDC_ISSUER: entra.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID, OIDC_CLIENT_SECRET are missing/)
    expect(() => loadConfig({ ...entra, OIDC_CLIENT_SECRET: undefined })).toThrow(/OIDC_CLIENT_SECRET is missing/)
    expect(() => loadConfig({ OIDC_DISPLAY_NAME: 'Microsoft' })).toThrow(/OIDC_DISPLAY_NAME is set but single sign-on is not/)
    expect(() => loadConfig({ ...entra, OIDC_ISSUER: 'not a url' })).toThrow(/OIDC_ISSUER must be the provider's issuer URL/)
  })
  it('wants HTTPS, allowing plain HTTP only on this machine outside production', () => {
    expect(() => loadConfig({ ...entra, OIDC_ISSUER: 'http://idp.example.org' })).toThrow(/must use https/)
    expect(loadConfig({ ...entra, OIDC_ISSUER: 'http://127.0.0.1:9000' }).sso?.issuer).toBe('http://127.0.0.1:9000')
    expect(() => loadConfig({ ...production, ...entra, OIDC_ISSUER: 'http://localhost:9000' })).toThrow(/must use https/)
  })
  it('refuses Entra’s multi-tenant issuers and wants PUBLIC_URL in production', () => {
    for (const tenant of ['common', 'organizations', 'consumers']) {
      expect(() => loadConfig({ ...entra, OIDC_ISSUER: `https://login.microsoftonline.com/${tenant}/v2.0` })).toThrow(/your own Microsoft Entra tenant/)
    }
    expect(() => loadConfig({ ...production, ...entra, PUBLIC_URL: undefined })).toThrow(/PUBLIC_URL is required for single sign-on/)
  })
})
