import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import net from 'node:net'

/**
 * Starts a throwaway PostgreSQL server on loopback in a temporary directory, for the test suite and
 * the benchmarks. Debian's postgresql package starts no server itself: we use initdb and pg_ctl.
 */
export type TempPostgres = { url: string; stop: () => void }

export class MissingDependencyError extends Error {}

function findBin(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':'), ...globPgBins()]
  for (const dir of dirs) {
    const p = path.join(dir, name)
    if (dir && fs.existsSync(p)) return p
  }
  return null
}

function globPgBins(): string[] {
  const root = '/usr/lib/postgresql'
  if (!fs.existsSync(root)) return []
  return fs
    .readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, 'bin'))
}

const isRoot = () => process.getuid?.() === 0

/** Installing Debian packages is allowed when we are root, unless JU_NO_INSTALL=1. */
export function mayInstall(): boolean {
  return isRoot() && process.env.JU_NO_INSTALL !== '1'
}

export function aptInstall(packages: string[]): void {
  console.log(`Installing Debian packages: ${packages.join(' ')}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  if (update.status !== 0) throw new MissingDependencyError('apt-get update failed')
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env })
  if (install.status !== 0) throw new MissingDependencyError(`apt-get install ${packages.join(' ')} failed`)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export async function startTempPostgres(): Promise<TempPostgres> {
  let initdb = findBin('initdb')
  let pgCtl = findBin('pg_ctl')
  if (!initdb || !pgCtl) {
    if (!mayInstall()) {
      throw new MissingDependencyError(
        'PostgreSQL server binaries (initdb, pg_ctl) were not found. Install Debian\'s "postgresql" package (apt-get install postgresql) and run the tests again.',
      )
    }
    aptInstall(['postgresql'])
    initdb = findBin('initdb')
    pgCtl = findBin('pg_ctl')
    if (!initdb || !pgCtl) throw new MissingDependencyError('postgresql installed but initdb/pg_ctl still not found')
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-pg-'))
  const dataDir = path.join(dir, 'data')
  const port = await freePort()
  // PostgreSQL refuses to run as root: run it as the 'postgres' user (created by the Debian package).
  const runAs: string[] = []
  if (isRoot()) {
    const hasUser = spawnSync('id', ['-u', 'postgres']).status === 0
    if (!hasUser) execFileSync('useradd', ['--system', '--no-create-home', 'postgres'])
    execFileSync('chown', ['-R', 'postgres', dir])
    fs.chmodSync(dir, 0o700)
    runAs.push('runuser', '-u', 'postgres', '--')
  }
  const run = (bin: string, args: string[]) => {
    const [cmd, ...rest] = runAs.length ? [...runAs, bin, ...args] : [bin, ...args]
    const r = spawnSync(cmd!, rest, { encoding: 'utf8', cwd: dir })
    if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`)
  }
  run(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '-N'])
  const opts = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`
  run(pgCtl, ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start'])
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    try {
      run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'])
    } catch {
      /* already gone */
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', stop)
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop }
}
