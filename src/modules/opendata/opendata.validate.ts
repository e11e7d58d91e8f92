import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

/**
 * Validators for the JSON Schemas in ./schemas (the shapes of meeting-law.md section 8), for tests and
 * for anyone checking a download. ajv and ajv-formats are development dependencies: import this file
 * only from tests and tools, never from the app.
 */
// ajv-formats is CommonJS: its default export arrives as the module object under Node's ESM loader.
type AddFormats = (ajv: Ajv2020) => unknown
const addFormatsAny = addFormatsModule as unknown as AddFormats & { default?: AddFormats }
const addFormats: AddFormats = addFormatsAny.default ?? addFormatsAny

const here = path.dirname(fileURLToPath(import.meta.url))
const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(here, 'schemas', name), 'utf8')) as Record<string, unknown>

export function openDataValidators() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false })
  addFormats(ajv)
  ajv.addSchema(load('ocd-event.schema.json'))
  ajv.addSchema(load('popolo.schema.json'))
  ajv.addSchema(load('events-page.schema.json'))
  const get = (id: string) => {
    const validate = ajv.getSchema(`https://joinedup.invalid/schemas/${id}`)
    if (!validate) throw new Error(`schema ${id} not loaded`)
    return (data: unknown): string[] => (validate(data) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message ?? ''}`))
  }
  return {
    event: get('ocd-event.schema.json'),
    eventsPage: get('events-page.schema.json'),
    popolo: get('popolo.schema.json'),
  }
}
