import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/support/use-test-app.ts'
import { GOVUK_DIST } from './platform/views/nunjucks.ts'

const t = useTestApp()
const STATIC = path.join(import.meta.dirname, 'platform/views/static')

describe('the icon', () => {
  it('is served at /favicon.ico (16, 32 and 48 px) and /favicon.svg, cached for a year, with no cookie', async () => {
    const ico = await t.app.request('http://localhost/favicon.ico')
    expect(ico.status).toBe(200)
    expect(ico.headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/)
    expect(ico.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(ico.headers.get('set-cookie')).toBeNull()
    const bytes = Buffer.from(await ico.arrayBuffer())
    expect(bytes.equals(fs.readFileSync(path.join(STATIC, 'favicon.ico')))).toBe(true)
    // An ICO directory of three 32-bit images.
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([0, 1, 3])
    expect([6, 22, 38].map((o) => bytes.readUInt8(o))).toEqual([16, 32, 48])
    // Not the GOV.UK crown: Joined Up is not a GOV.UK service.
    expect(bytes.equals(fs.readFileSync(path.join(GOVUK_DIST, 'govuk/assets/images/favicon.ico')))).toBe(false)

    const svg = await t.app.request('http://localhost/favicon.svg')
    expect(svg.status).toBe(200)
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    expect(svg.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('every page links it', async () => {
    const html = await (await t.app.request('http://localhost/')).text()
    expect(html).toContain('<link rel="icon" sizes="48x48" href="/favicon.ico">')
    expect(html).toContain('<link rel="icon" sizes="any" href="/favicon.svg" type="image/svg+xml">')
    expect(html).not.toContain('govuk-icon')
  })
})
