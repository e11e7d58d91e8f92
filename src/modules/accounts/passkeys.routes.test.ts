import { describe, expect, it } from 'vitest'
import { Agent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildUser } from '../../../test/support/builders.ts'
import { softAuthenticator } from '../../../test/support/webauthn.ts'

const ORIGIN = 'http://localhost'
const t = useTestApp({ publicUrl: ORIGIN })

/** A JSON POST as passkeys.js sends it: the agent's cookies, the CSRF token in a header (unless left out). */
async function postJson(agent: Agent, path: string, body: unknown, opts: { csrf?: boolean; raw?: string } = {}) {
  const headers: Record<string, string> = {
    host: 'localhost',
    'content-type': 'application/json',
    accept: 'application/json',
    cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  }
  if (opts.csrf !== false) headers['x-csrf-token'] = agent.csrf!
  const res = await t.app.request(`http://localhost${path}`, { method: 'POST', headers, body: opts.raw ?? JSON.stringify(body) })
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';')
    const [name, ...rest] = pair!.split('=')
    const value = rest.join('=')
    if (/max-age=0/i.test(line) || value === '') agent.cookies.delete(name!)
    else agent.cookies.set(name!, value)
  }
  return res
}

describe('passkey routes', () => {
  it('keeps the account page and its endpoints for signed-in users, with CSRF on every form and JSON call', async () => {
    const anon = new Agent(t.app)
    const page = await anon.get('/account/passkeys')
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Faccount%2Fpasskeys')
    await anon.get('/sign-in')
    expect((await postJson(anon, '/account/passkeys/options', {})).status).toBe(401)
    expect((await postJson(anon, '/account/passkeys', {})).status).toBe(401)
    expect((await anon.post('/account/passkeys/abc/remove')).status).toBe(401)
    // The sign-in endpoints are public, but never without the CSRF token.
    expect((await postJson(anon, '/sign-in/passkey/options', {}, { csrf: false })).status).toBe(403)
    expect((await postJson(anon, '/sign-in/passkey', {}, { csrf: false })).status).toBe(403)
  })

  it('registers a passkey, then signs in with it alone and lands where the sign-in page was going', async () => {
    const user = await buildUser(t.db, { displayName: 'Pat Passkey' })
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const page = await agent.getText('/account/passkeys')
    expect(page.text).toContain('You have no passkeys')
    expect(page.text).toContain('src="/static/passkeys.js"')
    const device = softAuthenticator(ORIGIN)
    const optionsRes = await postJson(agent, '/account/passkeys/options', {})
    expect(optionsRes.status).toBe(200)
    const cookie = optionsRes.headers.getSetCookie().find((c) => c.startsWith('ju_webauthn='))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/Max-Age=300/i)
    const options = (await optionsRes.json()) as Parameters<typeof device.register>[0] & { challenge: string }
    const noName = await postJson(agent, '/account/passkeys', { name: ' ', response: device.register(options) })
    expect(noName.status).toBe(400)
    expect(await noName.json()).toEqual({ error: 'Enter a name for this passkey' })
    // The challenge went with that refused attempt: a new one is needed.
    const options2 = (await (await postJson(agent, '/account/passkeys/options', {})).json()) as typeof options
    const added = await postJson(agent, '/account/passkeys', { name: 'Work laptop', response: device.register(options2) })
    expect(added.status).toBe(200)
    expect(await added.json()).toEqual({ redirect: '/account/passkeys' })
    const list = await agent.getText('/account/passkeys')
    expect(list.text).toContain('Passkey “Work laptop” added')
    expect(list.text).toContain('Work laptop')
    const forms = list.text.match(/<form [^>]*>[\s\S]*?<\/form>/g)!
    for (const form of forms) expect(form).toMatch(/name="_csrf" value="[\w-]{20,}"/)
    await agent.post('/sign-out')

    const visitor = new Agent(t.app)
    const signInPage = await visitor.getText('/sign-in?next=%2Faccount')
    expect(signInPage.text).toContain('data-passkey-sign-in')
    expect(signInPage.text).toMatch(/data-csrf="[\w-]{20,}"/)
    const signInOptions = (await (await postJson(visitor, '/sign-in/passkey/options', {})).json()) as { challenge: string; rpId: string }
    const res = await postJson(visitor, '/sign-in/passkey', { response: device.authenticate(signInOptions), next: '/account' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ redirect: '/account' })
    expect(visitor.cookies.has('ju_session')).toBe(true)
    expect(visitor.cookies.has('ju_webauthn')).toBe(false)
    const account = await visitor.getText('/account')
    expect(account.status).toBe(200)
    expect(account.text).toContain('1 passkey')

    // Another user cannot remove it.
    const other = new Agent(t.app)
    await other.signIn((await buildUser(t.db)).email)
    await other.get('/account/passkeys')
    expect((await other.post(`/account/passkeys/${device.id}/remove`)).status).toBe(404)
  })

  it('answers 400 in JSON, never 500, to a malformed body, a bogus credential or a missing challenge', async () => {
    const visitor = new Agent(t.app)
    await visitor.get('/sign-in')
    expect((await postJson(visitor, '/sign-in/passkey', null, { raw: '{not json' })).status).toBe(400)
    expect((await postJson(visitor, '/sign-in/passkey', { response: 'x' })).status).toBe(400)
    const bogus = { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' } }
    const missing = await postJson(visitor, '/sign-in/passkey', { response: bogus })
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ error: 'This took too long. Try again' })
    await postJson(visitor, '/sign-in/passkey/options', {})
    const wrong = await postJson(visitor, '/sign-in/passkey', { response: bogus })
    expect(wrong.status).toBe(400)
    expect(((await wrong.json()) as { error: string }).error).toContain('That passkey could not sign you in')
    expect(visitor.cookies.has('ju_session')).toBe(false)
  })
})
