import { generateKeyPairSync } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import { Provider } from 'oidc-provider'
import type { SsoConfig } from '../../src/config.ts'

/**
 * A real OpenID Connect provider (panva's oidc-provider, certified) in the test process on 127.0.0.1, with its
 * development login and consent pages: any password is accepted for a known login. One confidential client,
 * PKCE required. Its accounts say what a directory would: an email, verified or not, and optionally Microsoft
 * Entra ID's `xms_edov` instead of `email_verified`.
 */
export type TestOidcAccount = { sub: string; email?: string; email_verified?: boolean; xms_edov?: boolean; name?: string }

export const TEST_OIDC_ACCOUNTS = {
  /** A verified email (use with an invited account of the same address). */
  verified: { sub: 'verified-1', email: 'verified.person@council.example', email_verified: true, name: 'Verified Person' },
  /** The provider says the email is NOT verified. */
  unverified: { sub: 'unverified-1', email: 'unverified.person@council.example', email_verified: false, name: 'Unverified Person' },
  /** Like a Microsoft Entra ID work account: no email_verified, but the email domain owner is verified (xms_edov). */
  entraStyle: { sub: 'entra-1', email: 'entra.person@council.example', xms_edov: true, name: 'Entra Person' },
  /** No email at all. */
  noEmail: { sub: 'no-email-1', name: 'Nameless Person' },
} satisfies Record<string, TestOidcAccount>

export type TestOidcProvider = {
  issuer: string
  clientId: string
  clientSecret: string
  accounts: Map<string, TestOidcAccount>
  /** The app's SsoConfig for this provider. */
  ssoConfig: (redirectUri: string, displayName?: string) => SsoConfig
  stop: () => Promise<void>
}

/** The provider's own signing key (RS256), made once per test process. */
const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }

export async function startTestOidcProvider(opts: {
  redirectUris: string[]
  accounts?: TestOidcAccount[]
  /** Put email claims in the ID token too (as Entra does); by default they come only from UserInfo, as the spec has it. */
  claimsInIdToken?: boolean
}): Promise<TestOidcProvider> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const accounts = new Map((opts.accounts ?? Object.values(TEST_OIDC_ACCOUNTS)).map((a) => [a.sub, a]))
  const clientId = 'joined-up-test'
  const clientSecret = 'a-test-client-secret-of-reasonable-length'
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
    conformIdTokenClaims: !opts.claimsInIdToken,
    pkce: { required: () => true },
    cookies: { keys: ['test-provider-cookie-key-not-secret'] },
    jwks: { keys: [signingKey] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    features: { devInteractions: { enabled: true } },
    findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub)
      if (!account) return Promise.resolve(undefined)
      return Promise.resolve({ accountId: sub, claims: () => Promise.resolve({ ...account }) })
    },
  })
  server.on('request', provider.callback())
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    ssoConfig: (redirectUri, displayName = 'Test Provider') => ({ issuer, clientId, clientSecret, displayName, redirectUri }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A provider for this test file: started in beforeAll (register it before useTestApp), stopped afterAll. */
export function useTestOidcProvider(opts: Parameters<typeof startTestOidcProvider>[0]): { readonly provider: TestOidcProvider } {
  let provider: TestOidcProvider | undefined
  beforeAll(async () => {
    provider = await startTestOidcProvider(opts)
  })
  afterAll(async () => {
    await provider?.stop()
  })
  return {
    get provider() {
      if (!provider) throw new Error('useTestOidcProvider: started in beforeAll; use it inside a hook or test')
      return provider
    },
  }
}

/**
 * A person at the provider's own pages, over HTTP as a browser would (cookies kept, redirects followed by hand):
 * from the authorization URL, through the login form (as `login`) and the consent form, to the redirect back to
 * the app, which is returned without being followed. `consent: false` presses "abort" instead of agreeing.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, opts: { consent?: boolean } = {}): Promise<URL> {
  const jar = new Map<string, string>()
  const start = new URL(authorizationUrl)
  let url = start
  let body: URLSearchParams | undefined
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair!.indexOf('=')
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1))
    }
    body = undefined
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url)
      await res.arrayBuffer()
      if (next.origin !== start.origin) return next
      url = next
      continue
    }
    const html = await res.text()
    if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 500)}`)
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1]
    if (!action || !prompt) throw new Error(`no form on the provider's page: ${html.slice(0, 500)}`)
    if (prompt === 'consent' && opts.consent === false) {
      url = new URL(`${action.replace(/&amp;/g, '&')}/abort`, url)
      continue
    }
    url = new URL(action.replace(/&amp;/g, '&'), url)
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt })
  }
  throw new Error('the provider never sent the browser back')
}
