import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { DataDirLockedError, lockDataDir } from './lock.ts'
import { openDatabase } from './client.ts'

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ju-lock-'))

describe('the embedded database lock', () => {
  it('refuses a second opener with a message naming the holder', () => {
    const dir = tmp()
    const release = lockDataDir(dir, 'server on port 3000')
    expect(() => lockDataDir(dir, 'cli import')).toThrow(DataDirLockedError)
    expect(() => lockDataDir(dir, 'cli import')).toThrow(/in use by another process \(pid \d+, server on port 3000/)
    release()
    const again = lockDataDir(dir, 'cli import')
    again()
  })

  it('refuses another process while this one holds the lock', async () => {
    const dir = tmp()
    const release = lockDataDir(dir, 'test holder')
    const script = `import('${path.resolve(import.meta.dirname, 'lock.ts')}').then(m => { try { m.lockDataDir(${JSON.stringify(dir)}, 'child'); console.log('GOT'); } catch (e) { console.log('REFUSED ' + e.message) } })`
    const out = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: path.resolve(import.meta.dirname, '../../..') })
      let text = ''
      child.stdout.on('data', (d: Buffer) => (text += d.toString()))
      child.on('close', () => resolve(text))
    })
    expect(out).toContain('REFUSED')
    expect(out).toContain('test holder')
    release()
  })

  it('takes over a lock left by a process that has died', () => {
    const dir = tmp()
    fs.writeFileSync(path.join(dir, 'joinedup.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), purpose: 'crashed' }))
    const release = lockDataDir(dir, 'new server')
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'joinedup.lock'), 'utf8'))).toMatchObject({ pid: process.pid })
    release()
    expect(fs.existsSync(path.join(dir, 'joinedup.lock'))).toBe(false)
  })

  it('takes over a lock left by an earlier process with the same pid (a restarted container)', () => {
    const dir = tmp()
    fs.writeFileSync(
      path.join(dir, 'joinedup.lock'),
      JSON.stringify({ pid: process.pid, started: Date.now() - 3_600_000, host: os.hostname(), purpose: 'before restart' }),
    )
    const release = lockDataDir(dir, 'after restart')
    release()
  })

  it('PGlite opened on a data directory holds the lock until closed', async () => {
    const dir = tmp()
    const database = await openDatabase({ kind: 'pglite', dataDir: dir, purpose: 'first' })
    await expect(openDatabase({ kind: 'pglite', dataDir: dir, purpose: 'second' })).rejects.toThrow(DataDirLockedError)
    await database.close()
    const again = await openDatabase({ kind: 'pglite', dataDir: dir, purpose: 'second' })
    await again.close()
  }, 60_000)
})
