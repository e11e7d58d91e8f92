/**
 * Uploaded files to text. Saved pages come as UTF-8 (with or without a byte order mark), UTF-16 (Windows
 * "Unicode" text, which is full of NUL bytes when read as UTF-8) or windows-1252. NUL characters cannot be
 * stored in PostgreSQL text: what is left of them after decoding becomes U+FFFD, which the parser counts as
 * junk (a binary file is reported "not a meeting record", never a failed request).
 */

/** One uploaded file may be at most this big (the whole request is limited by the platform). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024

export type DecodedFile = { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' }

/** UTF-16 without a byte order mark: most odd (LE) or even (BE) bytes of the first 4 KB are zero. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1
  if (n < 4) return null
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++
    if (bytes[i + 1] === 0) oddZero++
  }
  const pairs = n / 2
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le'
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be'
  return null
}

/** windows-1252's 0x80-0x9F (Node's decoder for that label gives the C1 controls of ISO-8859-1 instead). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = []
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192)
    parts.push(String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c))
  }
  return parts.join('')
}

export function decodeUpload(bytes: Uint8Array): DecodedFile {
  let encoding: DecodedFile['encoding']
  let start = 0
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [encoding, start] = ['utf-8', 3]
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2]
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2]
  else encoding = sniffUtf16(bytes) ?? 'utf-8'
  const body = bytes.subarray(start)
  let text: string
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body)
    } catch {
      // Not UTF-8: a page saved as windows-1252 (every byte is a character, so this cannot fail).
      encoding = 'windows-1252'
      text = decodeWindows1252(body)
    }
  } else text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body)
  // eslint-disable-next-line no-control-regex -- NUL cannot be stored: keep it visible to the parser as junk
  return { text: text.replace(/\u0000/g, '\ufffd'), encoding }
}
