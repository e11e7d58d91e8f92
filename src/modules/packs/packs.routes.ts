import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import type { Services } from '../../services.ts'
import { idParam } from '../meetings/meetings.schemas.ts'
import { packPaths } from './packs.paths.ts'
import { etagMatches } from '../../platform/http/etag.ts'
import type { PrintedFile } from './packs.service.ts'

const PDF = 'application/pdf'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const quoted = (tag: string) => `"${tag}"`
const matches = (c: Context<AppEnv>, etag: string) => etagMatches(c.req.header('if-none-match'), quoted(etag))

/** Printed minutes from the disk cache, with their content hash as a strong ETag (304 when unchanged). */
function sendPrinted(c: Context<AppEnv>, file: PrintedFile, type: string, disposition: 'inline' | 'attachment'): Response {
  if (matches(c, file.etag)) return c.body(null, 304, { ETag: quoted(file.etag), 'Cache-Control': 'no-cache' })
  return c.body(new Uint8Array(file.bytes), 200, {
    ETag: quoted(file.etag),
    'Content-Type': type,
    'Content-Length': String(file.bytes.length),
    'Content-Disposition': `${disposition}; filename="${file.filename}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  })
}

/** Public downloads: the agenda pack (streamed from its disk cache) and the printed minutes. No cookies set. */
export function packsRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  const packs = services.packs

  app.get(packPaths.pack(':id'), async (c) => {
    const pack = await packs.getPack(idParam(c.req.param('id'), 'Meeting'))
    if (matches(c, pack.etag)) {
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

  app.get(packPaths.minutesPdf(':id'), async (c) =>
    sendPrinted(c, await packs.minutesPdf(idParam(c.req.param('id'), 'Meeting')), PDF, 'inline'),
  )

  app.get(packPaths.minutesDocx(':id'), async (c) =>
    sendPrinted(c, await packs.minutesDocx(idParam(c.req.param('id'), 'Meeting')), DOCX, 'attachment'),
  )

  return app
}
