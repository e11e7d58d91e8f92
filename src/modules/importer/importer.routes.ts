import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { AppError, notFound, type FieldErrors } from '../../platform/http/errors.ts'
import { errorSummary } from '../../platform/http/forms.ts'
import { formHandler, outcome } from '../../platform/http/form-route.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { importerPaths } from './importer.paths.ts'
import { jobView, uploadView } from './importer.presenter.ts'
import { DiscardSchema, MAX_FILES, StartSchema, UploadSchema, isImportFileName } from './importer.schemas.ts'
import { idParam } from '../../platform/http/params.ts'
import type { UploadedDocument } from './importer.types.ts'
import { MAX_FILE_BYTES, decodeUpload } from './importer.files.ts'

const VIEWS = { upload: 'importer/views/upload.njk', job: 'importer/views/job.njk' }
const TEXT_FIELDS = ['text', 'bodyId', 'bodyHint', 'dateHint'] as const

type Body = Record<string, string | File | (string | File)[]>

/**
 * The uploaded files. A file input with nothing chosen sends a part with no name, which is ignored; an empty
 * file that was chosen is kept, so the review reports it ("the file is empty") instead of dropping it silently.
 */
function filesOf(body: Body): File[] {
  const raw = body.files
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  return list.filter((f): f is File => typeof f !== 'string' && (f.name !== '' || f.size > 0))
}

function textValues(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k of TEXT_FIELDS) {
    const v = body[k]
    if (typeof v === 'string') out[k] = v
  }
  return out
}

/**
 * The upload's schema: the text fields, and the files checked with them, so every problem is reported at once
 * (the files' first, as the form shows them first).
 */
const uploadSchema = (files: File[]) =>
  UploadSchema.superRefine((data, ctx) => {
    const text = typeof data.text === 'string' ? data.text.trim() : undefined
    for (const [field, message] of Object.entries(checkFiles(files, text))) ctx.addIssue({ code: 'custom', path: [field], message })
  })

/** Check the files: HTML or text, not too many. Returns field errors (empty when fine). */
function checkFiles(files: File[], text: string | undefined): FieldErrors {
  if (files.length === 0 && !text) return { files: 'Select one or more files, or paste the text of a page' }
  if (files.length > MAX_FILES) return { files: `Upload at most ${MAX_FILES} files at a time` }
  const wrong = files.find((f) => !isImportFileName(f.name))
  if (wrong) return { files: `“${wrong.name}” is not an HTML or text file: upload .html, .htm or .txt files saved from the committee website` }
  const big = files.find((f) => f.size > MAX_FILE_BYTES)
  if (big) return { files: `“${big.name}” is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: a saved meeting page is much smaller, so check it is the right file` }
  return {}
}

export function importerRoutes(services: Services) {
  const { importer } = services
  const app = new Hono<AppEnv>()

  async function showUpload(c: Context<AppEnv>, partnershipId: string, values: Record<string, string>, errors: FieldErrors = {}, status: ContentfulStatusCode = 200) {
    // The files' problems first, as the form shows them first.
    if (errors.files) errors = { files: errors.files, ...errors }
    const screen = await importer.importScreen(requireUser(c), partnershipId, Number(c.req.query('page') ?? '1'))
    return render(
      c,
      VIEWS.upload,
      { ...uploadView(screen.partnership, screen.bodies, screen.jobs, values, screen), values, errors, errorSummary: errorSummary(errors) },
      status,
    )
  }

  app.get('/manage/partnerships/:id/import', async (c) => showUpload(c, idParam(c.req.param('id'), 'Partnership'), {}))

  app.post(
    '/manage/partnerships/:id/import',
    formHandler({
      load: async (c) => {
        const user = requireUser(c)
        const partnershipId = idParam(c.req.param('id'), 'Partnership')
        await importer.importScreen(user, partnershipId) // 403 before reading anything
        // Every file chosen (the form handler's own parse keeps one value per field).
        const files = filesOf(await c.req.parseBody({ all: true }))
        return { user, partnershipId, files }
      },
      schema: ({ files }) => uploadSchema(files),
      page: (c, { partnershipId }, form) => showUpload(c, partnershipId, textValues(form.values), form.errors, form.status),
      submit: async (_c, data, { user, partnershipId, files }) => {
        const docs: UploadedDocument[] = await Promise.all(
          files.map(async (f) => ({ fileName: f.name, content: decodeUpload(new Uint8Array(await f.arrayBuffer())).text })),
        )
        if (data.text) docs.push({ fileName: 'Pasted text', content: data.text })
        const job = await importer.createJob(user, partnershipId, docs, data)
        return { redirect: importerPaths.job(partnershipId, job.id) }
      },
    }),
  )

  async function loadJob(c: Context<AppEnv>) {
    const partnershipId = idParam(c.req.param('id'), 'Partnership')
    const jobId = idParam(c.req.param('jobId'), 'Import')
    const found = await importer.getJob(requireUser(c), jobId)
    if (found.job.partnershipId !== partnershipId) throw notFound('Import')
    return found
  }

  app.get('/manage/partnerships/:id/import/:jobId', async (c) => {
    const { partnership, job, documents, plans } = await loadJob(c)
    return render(c, VIEWS.job, jobView(partnership, job, documents, plans))
  })

  app.post('/manage/partnerships/:id/import/:jobId/start', async (c) => {
    const { partnership, job } = await loadJob(c)
    const input = StartSchema.safeParse(await c.req.parseBody())
    if (!input.success) throw new AppError('INVALID_STATE', 'The form was incomplete or out of date: reload the page and try again')
    await importer.startJob(requireUser(c), job.id, input.data)
    return outcome(c, { redirect: importerPaths.job(partnership.id, job.id), flash: 'Import started' })
  })

  app.post('/manage/partnerships/:id/import/:jobId/discard', async (c) => {
    const { partnership, job } = await loadJob(c)
    const input = DiscardSchema.safeParse(await c.req.parseBody())
    if (!input.success) throw new AppError('INVALID_STATE', 'The form was incomplete or out of date: reload the page and try again')
    await importer.discardJob(requireUser(c), job.id, input.data)
    return outcome(c, { redirect: importerPaths.upload(partnership.id), flash: 'Upload discarded: nothing was imported' })
  })

  return app
}
