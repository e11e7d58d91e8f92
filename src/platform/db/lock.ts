import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export class DataDirLockedError extends Error {}

const LOCK_NAME = 'joinedup.lock'

/** When this process started (ms): tells a live holder from a dead one that had the same pid (pid 1 in a container). */
const PROCESS_STARTED = Math.round(Date.now() - process.uptime() * 1000)

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite has no lock of its own: two processes on one data directory silently lose writes.
 * Take an exclusive lockfile (O_EXCL) and refuse a second opener with a clear message.
 * A lockfile left by a process that has died on this host is taken over.
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true })
  const lockPath = path.join(dataDir, LOCK_NAME)
  const body = JSON.stringify({ pid: process.pid, started: PROCESS_STARTED, host: os.hostname(), purpose, since: new Date().toISOString() })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, body, { flag: 'wx' })
      let released = false
      const release = () => {
        if (released) return
        released = true
        process.removeListener('exit', release)
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid?: number }
          if (current.pid === process.pid) fs.unlinkSync(lockPath)
        } catch {
          /* already gone */
        }
      }
      process.once('exit', release)
      return release
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      let holder: { pid?: number; started?: number; host?: string; purpose?: string; since?: string } = {}
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as typeof holder
      } catch {
        /* unreadable lock: treat as held unless stale below */
      }
      const sameHost = !holder.host || holder.host === os.hostname()
      // A container restarted with the same pid (often 1) and hostname: its start time tells them apart.
      const earlierLifeOfThisPid =
        holder.pid === process.pid && holder.started !== undefined && Math.abs(holder.started - PROCESS_STARTED) > 1000
      if (holder.pid && sameHost && (!isAlive(holder.pid) || earlierLifeOfThisPid)) {
        fs.unlinkSync(lockPath)
        continue
      }
      throw new DataDirLockedError(
        `The embedded database in ${path.resolve(dataDir)} is in use by another process ` +
          `(pid ${holder.pid ?? '?'}${holder.purpose ? `, ${holder.purpose}` : ''}${holder.since ? `, since ${holder.since}` : ''}). ` +
          'Stop that process first, or use PostgreSQL (DATABASE_URL) to run several processes on one database.',
      )
    }
  }
  throw new DataDirLockedError(`Could not take the lock on ${path.resolve(dataDir)}.`)
}
