import type { ApiTokenRow } from './tokens.service.ts'
import type { OpenApiDocument } from './openapi.ts'
import { apiPaths } from './api.paths.ts'
import { formatDateTime } from '../../shared/dates.ts'

/**
 * The docs page, generated from the OpenAPI document (so the two cannot differ), and the token pages' rows.
 * Every value is text: the template escapes it.
 */
type Schema = Record<string, unknown>
type TypeText = { text: string; href: string | null }

const refName = (ref: string) => ref.replace('#/components/schemas/', '')
export const schemaAnchor = (name: string) => `schema-${name}`

/** A schema's type as words, with a link when it names a component schema. */
export function typeText(schema: Schema | undefined): TypeText {
  if (!schema) return { text: 'any', href: null }
  if (typeof schema.$ref === 'string') {
    const name = refName(schema.$ref)
    return { text: name, href: `#${schemaAnchor(name)}` }
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key]
    if (Array.isArray(options)) {
      const parts = options.map((o) => typeText(o as Schema))
      const nonNull = parts.filter((p) => p.text !== 'null')
      const text = parts.map((p) => p.text).join(' or ')
      return { text, href: nonNull.length === 1 ? nonNull[0]!.href : null }
    }
  }
  if ('const' in schema) return { text: JSON.stringify(schema.const), href: null }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type as string] : []
  let base = types.filter((t) => t !== 'null').join(' or ') || (types.includes('null') ? 'null' : 'any')
  let href: string | null = null
  if (base === 'array') {
    const items = typeText(schema.items as Schema | undefined)
    base = `array of ${items.text}`
    href = items.href
  }
  if (typeof schema.format === 'string') base += ` (${schema.format})`
  if (Array.isArray(schema.enum)) base += `: one of ${(schema.enum as unknown[]).filter((v) => v !== null).map((v) => String(v as string | number)).join(', ')}`
  if (typeof schema.pattern === 'string' && !schema.description) base += ` matching ${schema.pattern}`
  if (types.includes('null') && types.length > 1) base += ', or null'
  return { text: base, href }
}

function propertyRows(schema: Schema) {
  const props = (schema.properties ?? {}) as Record<string, Schema>
  const required = new Set((schema.required ?? []) as string[])
  return Object.entries(props).map(([name, s]) => ({
    name,
    type: typeText(s),
    required: required.has(name),
    description: typeof s.description === 'string' ? s.description : '',
  }))
}

type Operation = {
  tags?: string[]
  summary?: string
  description?: string
  operationId?: string
  security?: unknown[]
  parameters?: { name: string; in: string; description?: string; required?: boolean; schema: Schema }[]
  requestBody?: { content: Record<string, { schema: Schema }> }
  responses: Record<string, { description?: string; content?: Record<string, { schema: Schema }>; $ref?: string }>
}

export function docsPage(doc: OpenApiDocument) {
  const componentResponses = doc.components.responses as Record<string, { description: string; content: Record<string, { schema: Schema }> }>
  const operations: { tag: string; id: string; method: string; path: string; op: Operation }[] = []
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
    for (const [method, op] of Object.entries(item)) {
      operations.push({ tag: op.tags?.[0] ?? 'Other', id: op.operationId ?? `${method}-${path}`, method: method.toUpperCase(), path, op })
    }
  }
  const sections = doc.tags.map((tag) => ({
    name: tag.name,
    description: tag.description,
    operations: operations
      .filter((o) => o.tag === tag.name)
      .map(({ id, method, path, op }) => ({
        id: `op-${id}`,
        method,
        path,
        summary: op.summary ?? '',
        description: op.description ?? '',
        needsToken: !!op.security?.length,
        parameters: (op.parameters ?? []).map((p) => ({
          name: p.name,
          where: p.in,
          required: !!p.required,
          type: typeText(p.schema),
          description: p.description ?? '',
        })),
        requestBody: op.requestBody ? typeText(Object.values(op.requestBody.content)[0]?.schema) : null,
        responses: Object.entries(op.responses).map(([status, r]) => {
          const resolved = r.$ref ? componentResponses[r.$ref.replace('#/components/responses/', '')] : r
          const [mediaType, content] = Object.entries(resolved?.content ?? {})[0] ?? []
          return { status, description: resolved?.description ?? '', mediaType: mediaType ?? '', type: typeText(content?.schema) }
        }),
      })),
  }))
  const schemas = Object.entries(doc.components.schemas).map(([name, s]) => ({
    name,
    anchor: schemaAnchor(name),
    description: typeof s.description === 'string' ? s.description : '',
    alternatives: Array.isArray(s.oneOf) ? typeText(s) : null,
    properties: propertyRows(s),
  }))
  return {
    intro: doc.info.description,
    version: doc.info.version,
    licence: doc.info.license,
    server: doc.servers[0]?.url ?? '',
    openapiHref: apiPaths.openapi(),
    contents: sections.map((s) => ({ name: s.name, operations: s.operations.map((o) => ({ href: `#${o.id}`, text: `${o.method} ${o.path}` })) })),
    sections,
    schemas,
  }
}

/** Rows of the token list. */
export function tokenRows(partnershipId: string, tokens: ApiTokenRow[]) {
  return tokens.map((t) => ({
    name: t.name,
    prefix: `${t.tokenPrefix}…`,
    created: formatDateTime(t.createdAt),
    lastUsed: t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never',
    revoked: t.revokedAt ? formatDateTime(t.revokedAt) : null,
    revokeHref: t.revokedAt ? null : apiPaths.manage.revokeToken(partnershipId, t.id),
  }))
}
