import { describe, expect, it } from 'vitest'
import { Agent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'

/**
 * Issue 10, defect 3: a multipart body that cannot be parsed (a boundary that never closes, or no boundary at
 * all) is the client's fault. It used to escape undici as "Failed to parse body as FormData" and come back as a
 * 500 from every form route, before sign-in, because the CSRF middleware reads the body first.
 */
describe('a malformed multipart body', () => {
  const t = useTestApp()

  async function send(path: string, init: { contentType: string; body: string; accept?: string; csrfHeader?: boolean }) {
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    return t.app.request(`http://localhost${path}`, {
      method: 'POST',
      body: init.body,
      headers: {
        cookie,
        host: 'localhost',
        'content-type': init.contentType,
        ...(init.accept ? { accept: init.accept } : {}),
        ...(init.csrfHeader ? { 'x-csrf-token': agent.csrf! } : {}),
      },
    })
  }

  const broken = '--XyZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-da'

  it('is a 400 with the GOV.UK error page, not a 500, on the sign-in form', async () => {
    const res = await send('/sign-in', { contentType: 'multipart/form-data; boundary=XyZ', body: broken })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toContain('There is a problem with your request')
    expect(html).toContain('could not be read')
  })

  it('is a 400 when the boundary is missing altogether', async () => {
    const res = await send('/sign-in', { contentType: 'multipart/form-data', body: 'just some bytes' })
    expect(res.status).toBe(400)
  })

  it('is problem+json for a client that asks for JSON', async () => {
    const res = await send('/sign-in', { contentType: 'multipart/form-data; boundary=XyZ', body: broken, accept: 'application/json' })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 400, title: 'There is a problem with your request' })
  })

  it('is a 400 when the token comes in a header and the route reads the body itself', async () => {
    // CSRF is satisfied by the header, so the body is first parsed by the route: the error handler is the net.
    const res = await send('/sign-in', { contentType: 'multipart/form-data; boundary=XyZ', body: broken, csrfHeader: true })
    expect(res.status).toBe(400)
  })

  it('still refuses a well-formed multipart form without a valid token (403)', async () => {
    const body = '--XyZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nforged\r\n--XyZ--\r\n'
    const res = await send('/sign-in', { contentType: 'multipart/form-data; boundary=XyZ', body })
    expect(res.status).toBe(403)
  })
})
