import { createHash } from 'node:crypto'

/** A strong ETag for a response body: a quoted, shortened SHA-256 of its bytes. */
export function strongEtag(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
}

/** Whether an If-None-Match header matches the ETag (weak comparison, RFC 9110 13.1.2: W/ prefixes ignored). */
export function etagMatches(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  const bare = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare)
}
