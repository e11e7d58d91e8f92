import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

/** The disk cache of packs and printed minutes: files written whole, read if present. */

/**
 * Writes a cache file aside then renames it (a reader, or another instance sharing the data directory, never
 * sees half a file), then removes the meeting's older files of the same kind: they are out of date now (open
 * handles keep serving them until done).
 */
export async function writeCached(dir: string, file: string, bytes: Uint8Array, prefix: string, suffix: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true })
  const tmp = `${file}.${randomUUID()}.tmp`
  try {
    await fs.writeFile(tmp, bytes)
    await fs.rename(tmp, file)
  } finally {
    await fs.rm(tmp, { force: true })
  }
  for (const name of await fs.readdir(dir)) {
    const other = path.join(dir, name)
    if (name.startsWith(prefix) && name.endsWith(suffix) && other !== file) await fs.rm(other, { force: true })
  }
}

export async function readIfCached(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file)
    return true
  } catch {
    return false
  }
}
