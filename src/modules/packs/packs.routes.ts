import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import type { Services } from '../../services.ts'
import { idParam } from '../meetings/meetings.schemas.ts'
import { packPaths } from './packs.paths.ts'

const PDF = 'application/pdf'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** Public downloads: the agenda pack (streamed from its disk cache) and the printed minutes. No cookies set. */
export function packsRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  const packs = services.packs

  app.get(packPaths.pack(':id'), async (c) => {
    const pack = await packs.getPack(idParam(c.req.param('id'), 'Meeting'))
    const quoted = (tag: string) => `"${tag}"`
    const match = c.req.header('if-none-match')
    if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === quoted(pack.etag))) {
      return c.body(null, 304, { ETag: quoted(pack.etag), 'Cache-Control': 'no-cache' })
    }
    const { stream, size, etag } = await pack.open()
    return c.body(stream, 200, {
      ETag: quoted(etag),
      'Cache-Control': 'no-cache',
      'Content-Type': PDF,
      'Content-Length': String(size),
      'Content-Disposition': `inline; filename="${pack.filename}"`,
      'X-Content-Type-Options': 'nosniff',
    })
  })

  app.get(packPaths.minutesPdf(':id'), async (c) => {
    const file = await packs.minutesPdf(idParam(c.req.param('id'), 'Meeting'))
    return c.body(new Uint8Array(file.bytes), 200, {
      'Content-Type': PDF,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': `inline; filename="${file.filename}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    })
  })

  app.get(packPaths.minutesDocx(':id'), async (c) => {
    const file = await packs.minutesDocx(idParam(c.req.param('id'), 'Meeting'))
    return c.body(new Uint8Array(file.bytes), 200, {
      'Content-Type': DOCX,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    })
  })

  return app
}
