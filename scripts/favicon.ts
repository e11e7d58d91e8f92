/**
 * Draws Joined Up's icon, two white rings joined on GOV.UK blue, as src/platform/views/static/favicon.ico (16, 32
 * and 48 pixels, 32-bit images) and favicon.svg. Joined Up is not a GOV.UK service, so it must not use the GOV.UK
 * crown icon that govuk-frontend ships (see the footer in layout.njk); this is its own.
 *
 *   npx tsx scripts/favicon.ts          # writes both files
 *   npx tsx scripts/favicon.ts --check  # fails when the committed files differ from what this draws
 */
import fs from 'node:fs'
import path from 'node:path'

const OUT = path.join(import.meta.dirname, '../src/platform/views/static')
const BLUE = [0x1d, 0x70, 0xb8] as const
// The shapes on a 32-unit square: a rounded square, and two rings.
const RADIUS = 4
const RINGS = [
  { cx: 12, cy: 16 },
  { cx: 20, cy: 16 },
]
const RING_R = 7
const STROKE = 3

export const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="${RADIUS}" fill="#1d70b8"/>${RINGS.map(
  (r) => `<circle cx="${r.cx}" cy="${r.cy}" r="${RING_R}" fill="none" stroke="#fff" stroke-width="${STROKE}"/>`,
).join('')}</svg>\n`

/** Coverage (0..1) of the background square and of the white rings at a point in 32-unit space. */
function shapesAt(x: number, y: number): { square: boolean; white: boolean } {
  const dx = Math.max(RADIUS - x, 0, x - (32 - RADIUS))
  const dy = Math.max(RADIUS - y, 0, y - (32 - RADIUS))
  const square = dx * dx + dy * dy <= RADIUS * RADIUS
  const white = RINGS.some((r) => Math.abs(Math.hypot(x - r.cx, y - r.cy) - RING_R) <= STROKE / 2)
  return { square, white }
}

/** One size, as BGRA rows bottom-up (the ICO's bitmap order), 4x4 supersampled. */
function render(size: number): Buffer {
  const px = Buffer.alloc(size * size * 4)
  const n = 4
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let cover = 0
      let whiteness = 0
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const s = shapesAt(((col + (sx + 0.5) / n) * 32) / size, ((row + (sy + 0.5) / n) * 32) / size)
          if (s.square) {
            cover++
            if (s.white) whiteness++
          }
        }
      }
      const a = cover / (n * n)
      const w = cover ? whiteness / cover : 0
      const o = ((size - 1 - row) * size + col) * 4
      px[o] = Math.round(BLUE[2] + (255 - BLUE[2]) * w)
      px[o + 1] = Math.round(BLUE[1] + (255 - BLUE[1]) * w)
      px[o + 2] = Math.round(BLUE[0] + (255 - BLUE[0]) * w)
      px[o + 3] = Math.round(255 * a)
    }
  }
  return px
}

/** A BMP image as an ICO entry holds it: BITMAPINFOHEADER (double height), pixels, an all-zero AND mask. */
function bmpEntry(size: number): Buffer {
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8)
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  const maskRow = Math.ceil(size / 32) * 4
  return Buffer.concat([header, render(size), Buffer.alloc(maskRow * size)])
}

export function ico(sizes: readonly number[] = [16, 32, 48]): Buffer {
  const images = sizes.map(bmpEntry)
  const dir = Buffer.alloc(6 + 16 * sizes.length)
  dir.writeUInt16LE(0, 0)
  dir.writeUInt16LE(1, 2)
  dir.writeUInt16LE(sizes.length, 4)
  let offset = dir.length
  sizes.forEach((size, i) => {
    const e = 6 + 16 * i
    dir.writeUInt8(size % 256, e)
    dir.writeUInt8(size % 256, e + 1)
    dir.writeUInt16LE(1, e + 4)
    dir.writeUInt16LE(32, e + 6)
    dir.writeUInt32LE(images[i]!.length, e + 8)
    dir.writeUInt32LE(offset, e + 12)
    offset += images[i]!.length
  })
  return Buffer.concat([dir, ...images])
}

const files: [string, Buffer][] = [
  ['favicon.ico', ico()],
  ['favicon.svg', Buffer.from(svg)],
]
if (process.argv.includes('--check')) {
  const stale = files.filter(([name, bytes]) => !fs.existsSync(path.join(OUT, name)) || !fs.readFileSync(path.join(OUT, name)).equals(bytes))
  if (stale.length) {
    console.error(`Out of date: ${stale.map(([n]) => n).join(', ')}. Run npx tsx scripts/favicon.ts`)
    process.exit(1)
  }
} else {
  for (const [name, bytes] of files) fs.writeFileSync(path.join(OUT, name), bytes)
  console.log(`wrote ${files.map(([n, b]) => `${n} (${b.length} bytes)`).join(', ')}`)
}
