import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { testConfig } from '../test/support/app.ts'
import { useTempDir } from '../test/support/use-test-app.ts'
import { buildBody, buildPartnership } from '../test/support/builders.ts'
import { migrateDatabase, openDatabase } from './platform/db/client.ts'
import { DataDirLockedError } from './platform/db/lock.ts'
import { runCli } from './cli.ts'
import { BackupUsageError, runBackupCli, runRestoreCli } from './backup.cli.ts'

const tmp = useTempDir('ju-backup-cli-')

describe('npm run cli -- backup / restore (PGlite DATA_DIR)', () => {
  it('backs up a data directory and restores it into an empty one, printing each table', async () => {
    const source = path.join(tmp, 'source')
    const target = path.join(tmp, 'target')
    const file = path.join(tmp, 'backups', 'joined-up.tar.gz')
    const database = await openDatabase({ kind: 'pglite', dataDir: source, purpose: 'test' })
    try {
      await migrateDatabase(database)
      const partnership = await buildPartnership(database.db, { name: 'CLI Partnership' })
      await buildBody(database.db, { partnershipId: partnership.id, name: 'CLI Board' })
      // The server holds the lock: a backup of the embedded database waits for it to stop.
      await expect(runBackupCli([file], { stdout: () => {} }, { config: testConfig({ dataDir: source, databaseUrl: undefined }) })).rejects.toThrow(DataDirLockedError)
    } finally {
      await database.close()
    }

    let text = ''
    const out = { stdout: (s: string) => (text += s) }
    expect(await runBackupCli([file], out, { config: testConfig({ dataDir: source, databaseUrl: undefined }) })).toBe(0)
    expect(text).toMatch(/Backup written to .*joined-up\.tar\.gz \(PGlite data directory, \d+ bytes\)/)

    text = ''
    expect(await runRestoreCli([file], out, { config: testConfig({ dataDir: target, databaseUrl: undefined }) })).toBe(0)
    expect(text).toMatch(/^\s+partnerships\s+1\s+[0-9a-f]{32}$/m)
    expect(text).toMatch(/^\s+bodies\s+1\s+[0-9a-f]{32}$/m)
    // Not into a DATA_DIR that now holds a database.
    await expect(runRestoreCli([file], out, { config: testConfig({ dataDir: target, databaseUrl: undefined }) })).rejects.toThrow(BackupUsageError)
    await expect(runRestoreCli([path.join(tmp, 'missing.tar.gz')], out, { config: testConfig({ dataDir: path.join(tmp, 'other') }) })).rejects.toThrow(/No backup/)
  }, 180_000)
})

describe('npm run cli -- --help', () => {
  it('lists every command runCli answers', async () => {
    let help = ''
    expect(await runCli(['--help'], { stdout: (s) => (help += s) })).toBe(0)
    const source = fs.readFileSync(new URL('./cli.ts', import.meta.url), 'utf8')
    const commands = [...source.matchAll(/^\s+case '([a-z-]+)':/gm)].map((m) => m[1]!).filter((c) => c !== 'help' && !c.startsWith('-'))
    expect(commands.length).toBeGreaterThanOrEqual(7)
    for (const command of commands) expect(help, command).toMatch(new RegExp(`^  ${command}\\b`, 'm'))
  })
})
