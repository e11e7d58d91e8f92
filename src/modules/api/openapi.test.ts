import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { validate, compileErrors } from '@readme/openapi-parser'
import { signedInAgent } from '../../../test/support/app.ts'
import { buildMeeting } from '../../../test/support/builders.ts'
import { openApiDocument } from './openapi.ts'

const t = useTestApp()

const request = (path: string, init?: RequestInit) => t.app.request(`http://localhost${path}`, init)

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, served at /api/openapi.json', async () => {
    const res = await request('/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(res.headers.getSetCookie()).toEqual([])
    const doc = (await res.json()) as ReturnType<typeof openApiDocument>
    expect(doc.openapi).toBe('3.1.0')
    const result = await validate(structuredClone(doc) as never)
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true)
  })

  it('is checked by a validator that can fail: a licence without its name is refused', async () => {
    const broken = structuredClone(openApiDocument('http://localhost')) as { info: { license: Record<string, unknown> } }
    broken.info.license = { url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' }
    const result = await validate(broken as never)
    expect(result.valid).toBe(false)
    expect(compileErrors(result)).toContain('name')
  })

  it('says who may call each operation: public reads with security [], writes with the bearer token', () => {
    const doc = openApiDocument('http://localhost')
    const ops = Object.values(doc.paths as Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>>).flatMap((item) => Object.entries(item))
    expect(ops.length).toBe(14)
    for (const [method, op] of ops) {
      expect(op.security, `${method} ${JSON.stringify(op)}`).toEqual(method === 'get' ? [] : [{ bearerAuth: [] }])
    }
  })

  it('names its licence and a contact in info', () => {
    const { info } = openApiDocument('https://joinedup.example')
    expect(info.license).toEqual({ name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' })
    expect(info.contact).toEqual({ name: expect.any(String), url: 'https://joinedup.example/api/docs#contact' })
  })

  it('describes only routes that exist: every operation answers (not 404) at its path', async () => {
    const meeting = await buildMeeting(t.db, {}, 'agendaPublished')
    const doc = openApiDocument('http://localhost')
    const ops = Object.entries(doc.paths as Record<string, Record<string, { security?: unknown[] }>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path: path.replace('{id}', meeting.id), method: method.toUpperCase(), secured: !!op.security?.length })),
    )
    expect(ops.length).toBe(14)
    for (const op of ops) {
      const res = await request(op.path, { method: op.method, headers: { 'content-type': 'application/json' }, body: op.method === 'GET' ? undefined : '{}' })
      // GETs answer (a meeting id stands in for every {id}); writes without a token are refused, not missing.
      expect(res.status, `${op.method} ${op.path}`).toBe(op.secured ? 401 : 200)
      await res.body?.cancel()
    }
  })

  it('documents every error status the writes can give', () => {
    const doc = openApiDocument('http://localhost')
    const patch = (doc.paths['/api/v1/meetings/{id}'] as { patch: { responses: Record<string, unknown> } }).patch
    expect(Object.keys(patch.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '422'])
  })
})

describe('the docs page', () => {
  it('is a GOV.UK page generated from the document, with no external scripts or styles and no cookies', async () => {
    const res = await request('/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie()).toEqual([])
    const html = await res.text()
    expect(html).toContain('<h1 class="govuk-heading-l">Joined Up API</h1>')
    const doc = openApiDocument('http://localhost')
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) expect(html).toContain(`${method.toUpperCase()} ${path}`)
    }
    for (const name of Object.keys(doc.components.schemas)) expect(html).toContain(`id="schema-${name}"`)
    expect(html).toContain('href="/api/openapi.json"')
    // info.contact points here: the contact and licence section exists.
    expect(html).toContain('<h2 class="govuk-heading-l" id="contact">Contact and licence</h2>')
    expect(html).toContain('href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">Open Government Licence v3.0</a>')
    // Public reads say nothing about tokens; only the four writes do.
    expect(html.match(/govuk-tag--yellow">Needs an API token/g)).toHaveLength(4)
    expect(html).not.toMatch(/<script[^>]+src="https?:/)
    expect(html).not.toMatch(/<link[^>]+href="https?:/)
    // Every in-page link lands on an id that exists.
    const ids = new Set([...html.matchAll(/id="([^"]+)"/g)].map((m) => m[1]))
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids.has(target), target).toBe(true)
  })

  it('also renders for a signed-in user', async () => {
    const agent = await signedInAgent(t.app, t.services, { isAdmin: true })
    const res = await agent.get('/api/docs')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Joined Up API')
  })
})
