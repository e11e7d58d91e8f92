import * as oidc from 'openid-client'
import type { SsoConfig } from '../../config.ts'

/** What the provider says about the person, after openid-client has checked the ID token (signature, iss, aud, nonce). */
export type SsoClaims = {
  issuer: string
  subject: string
  email?: string
  /** The standard claim; some providers send the string "true". */
  emailVerified?: unknown
  /** Microsoft Entra ID's optional claim: the email's domain is verified by the user's own tenant. */
  emailDomainVerified?: unknown
  name?: string
}

/** The provider could not be reached or answered nonsense (discovery, token or userinfo): not the user's fault. */
export class SsoUnavailableError extends Error {}
/** The provider's answer to this browser was an error or failed a check (state, PKCE, nonce, used code). */
export class SsoResponseError extends Error {
  constructor(
    message: string,
    readonly providerError?: string,
  ) {
    super(message)
  }
}

const SCOPE = 'openid email profile'
const stringClaim = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined)

/**
 * The relying party, with openid-client (v6): the provider's metadata is discovered on first use and kept (tried
 * again after a failure), the authorization code flow runs with PKCE (S256), state and nonce, and the client
 * authenticates with client_secret_post. When the ID token carries no email (providers that follow the spec
 * strictly put it only in UserInfo), UserInfo is asked, for the same subject.
 */
export function createSsoClient(cfg: SsoConfig) {
  let discovered: Promise<oidc.Configuration> | null = null
  const plainHttp = new URL(cfg.issuer).protocol === 'http:' // config.ts allows it only for a provider on this machine, outside production
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= oidc
      .discovery(new URL(cfg.issuer), cfg.clientId, cfg.clientSecret, oidc.ClientSecretPost(cfg.clientSecret), {
        execute: plainHttp ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: unknown) => {
        discovered = null
        throw new SsoUnavailableError(`Could not read the provider's configuration from ${cfg.issuer}: ${String(err)}`)
      })
    return discovered
  }

  return {
    async authorizationUrl(checks: { state: string; nonce: string; codeVerifier: string }): Promise<URL> {
      const config = await configuration()
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: cfg.redirectUri,
        scope: SCOPE,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      })
    },

    /** The callback's query checked and the code exchanged; throws SsoResponseError or SsoUnavailableError. */
    async exchange(callback: URLSearchParams, checks: { state: string; nonce: string; codeVerifier: string }): Promise<SsoClaims> {
      const config = await configuration()
      // The registered redirect URI with the provider's parameters: never the URL the request arrived on, which
      // behind a proxy is the app's own address, not PUBLIC_URL.
      const current = new URL(cfg.redirectUri)
      for (const [k, v] of callback) current.searchParams.append(k, v)
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
      try {
        tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce })
      } catch (err) {
        throw classify(err)
      }
      const id = tokens.claims()
      if (!id) throw new SsoResponseError('The provider sent no ID token')
      let claims: Record<string, unknown> = id
      if (stringClaim(id.email) === undefined && config.serverMetadata().userinfo_endpoint) {
        try {
          claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, id.sub)), ...id }
        } catch (err) {
          throw classify(err)
        }
      }
      return {
        issuer: id.iss,
        subject: id.sub,
        email: stringClaim(claims.email),
        emailVerified: claims.email_verified,
        emailDomainVerified: claims.xms_edov,
        name: stringClaim(claims.name),
      }
    },
  }
}
export type SsoClient = ReturnType<typeof createSsoClient>

/** The provider said no (or a check failed) versus it could not be reached. */
function classify(err: unknown): Error {
  if (err instanceof oidc.AuthorizationResponseError) return new SsoResponseError(err.error_description ?? err.error, err.error)
  if (err instanceof oidc.ResponseBodyError) return new SsoResponseError(err.error_description ?? err.error, err.error)
  if (err instanceof oidc.ClientError) return new SsoResponseError(err.message)
  return new SsoUnavailableError(String(err))
}
