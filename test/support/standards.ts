import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

/**
 * Validators built only from the schemas the standards' own authors wrote, kept unmodified (or, for pupa,
 * transcribed) in test/fixtures/standards: see its README for each file's source, commit and licence.
 * Nothing here describes Joined Up's output; it only loads those files and runs ajv over them.
 */

// ajv-formats is CommonJS: its default export arrives as the module object under Node's ESM loader.
type AddFormats = (ajv: Ajv) => unknown
const addFormatsAny = addFormatsModule as unknown as AddFormats & { default?: AddFormats }
const addFormats: AddFormats = addFormatsAny.default ?? addFormatsAny

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'standards')

type Json = Record<string, unknown>
const readJson = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json

const describeErrors = (errors: ErrorObject[] | null | undefined, prefix = ''): string[] =>
  (errors ?? []).map((e) => `${prefix}${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)

// ---------------------------------------------------------------- draft 3 -> draft 7

const DRAFT_3_ONLY = ['extends', 'disallow', 'divisibleBy'] as const

/**
 * A JSON Schema draft 3 document in draft 7 syntax, by the rules of the draft-04 change list that the Popolo
 * schemas need: `id` -> `$id`; `"required": true` on a property -> its name in the parent's `required`
 * array (`false` dropped); `$schema` -> draft 7. Throws on any draft-3-only construct it does not translate,
 * so nothing is silently dropped.
 */
export function upgradeDraft3(schema: Json, where = '#'): Json {
  const out: Json = {}
  for (const key of DRAFT_3_ONLY) if (key in schema) throw new Error(`${where}: draft 3 keyword "${key}" is not translated`)
  if (Array.isArray(schema.type) && schema.type.some((t) => typeof t !== 'string')) throw new Error(`${where}: a schema inside "type" is not translated`)
  if (schema.dependencies && Object.values(schema.dependencies as Json).some((d) => typeof d === 'string')) {
    throw new Error(`${where}: a string in "dependencies" is not translated`)
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema') out.$schema = 'http://json-schema.org/draft-07/schema#'
    else if (key === 'id') out.$id = value
    else if (key === 'required') {
      if (typeof value !== 'boolean') throw new Error(`${where}: "required" is not a draft 3 boolean`)
    } else if (key === 'properties') {
      const properties: Json = {}
      const required: string[] = []
      for (const [name, sub] of Object.entries(value as Json)) {
        if ((sub as Json).required === true) required.push(name)
        properties[name] = upgradeDraft3(sub as Json, `${where}/properties/${name}`)
      }
      out.properties = properties
      if (required.length) out.required = required
    } else if (key === 'items' && Array.isArray(value)) out.items = value.map((s: Json, i) => upgradeDraft3(s, `${where}/items/${i}`))
    else if ((key === 'items' || key === 'additionalProperties' || key === 'additionalItems') && value && typeof value === 'object') {
      out[key] = upgradeDraft3(value as Json, `${where}/${key}`)
    } else out[key] = value
  }
  return out
}

// ---------------------------------------------------------------- Popolo

/** The Popolo classes an export file holds, each as an array of that class. */
export const POPOLO_COLLECTIONS = {
  organizations: 'organization',
  persons: 'person',
  posts: 'post',
  memberships: 'membership',
  events: 'event',
  areas: 'area',
} as const

/**
 * Checks a Popolo export against the popolo-spec schemas: every item of each collection against its class.
 * Returns the errors (empty when valid), each prefixed with its path in the file.
 */
export function popoloValidator(): (doc: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false })
  addFormats(ajv)
  const dir = path.join(FIXTURES, 'popolo')
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) ajv.addSchema(upgradeDraft3(readJson(path.join(dir, file)), file))
  const schemaOf = (name: string): ValidateFunction => {
    const validate = ajv.getSchema(`http://www.popoloproject.com/schemas/${name}.json#`)
    if (!validate) throw new Error(`Popolo schema ${name} not loaded`)
    return validate
  }
  return (doc) => {
    if (!doc || typeof doc !== 'object') return ['/ is not an object']
    const errors: string[] = []
    for (const [collection, name] of Object.entries(POPOLO_COLLECTIONS)) {
      const items = (doc as Json)[collection]
      if (items === undefined) continue
      if (!Array.isArray(items)) {
        errors.push(`/${collection} is not an array`)
        continue
      }
      const validate = schemaOf(name)
      items.forEach((item, i) => {
        if (!validate(item)) errors.push(...describeErrors(validate.errors, `/${collection}/${i}`))
      })
    }
    return errors
  }
}

// ---------------------------------------------------------------- Open Civic Data (pupa)

/** pupa's own "uri" check (pupa/scrape/base.py check_uri): http, https or ftp, and no space. */
const pupaUri = (value: string) => /^(https?|ftp):\/\//.test(value) && !value.includes(' ')

/** Checks one event against pupa's Open Civic Data event schema; returns the errors (empty when valid). */
export function ocdEventValidator(): (event: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false })
  ajv.addFormat('uri', pupaUri)
  const validate = ajv.compile(readJson(path.join(FIXTURES, 'pupa', 'event.schema.json')))
  return (event) => (validate(event) ? [] : describeErrors(validate.errors))
}
