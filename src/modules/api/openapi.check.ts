import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { openApiDocument } from './openapi.ts'

/**
 * For tests: a validator of real responses against the OpenAPI document's component schemas, so the
 * document and the code cannot drift apart (response schemas forbid fields they do not name).
 */
export function responseChecker(serverUrl = 'http://localhost:3000') {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'https://joined-up.test/openapi.json', ...openApiDocument(serverUrl) })
  return (schemaName: string, value: unknown): string[] => {
    const validate = ajv.getSchema(`https://joined-up.test/openapi.json#/components/schemas/${schemaName}`)
    if (!validate) throw new Error(`No schema ${schemaName}`)
    if (validate(value)) return []
    return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
  }
}
