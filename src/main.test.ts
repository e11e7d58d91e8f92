import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * Issue 10: `npm start` must not orphan the server when npm gets SIGTERM (it ran `tsx`, which ran node: npm's
 * signal reached the shell and tsx, never the server), and a port already in use ends with one clear line.
 * These start the real server in child processes, as an operator would.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-main-'))
const children: ChildProcess[] = []
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  fs.rmSync(tmp, { recursive: true, force: true })
})

function env(dataDir: string, port: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, TEST_DB: _db, TEST_DATABASE_URL: _testUrl, SMTP_URL: _smtp, ...rest } = process.env
  return { ...rest, NODE_ENV: 'development', DEMO: 'false', HOST: '127.0.0.1', PORT: port, DATA_DIR: dataDir }
}

type Run = { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> }
function run(command: string, args: string[], environment: NodeJS.ProcessEnv): Run {
  const child = spawn(command, args, { cwd: ROOT, env: environment, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let out = ''
  let err = ''
  child.stdout.on('data', (b: Buffer) => (out += b.toString()))
  child.stderr.on('data', (b: Buffer) => (err += b.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, stdout: () => out, stderr: () => err, exited }
}

async function until<T>(what: string, check: () => T | undefined | null | false, ms = 90_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = check()
    if (value) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

describe('npm start', () => {
  it('serves; a second server on the same port ends with one clear line; SIGTERM to npm stops the server', async () => {
    const dataDir = path.join(tmp, 'data')
    const server = run('npm', ['start', '--silent'], env(dataDir, '0'))
    const port = Number(
      await until('the server to listen', () => {
        if (server.child.exitCode !== null) throw new Error(`npm start ended: ${server.stdout()} ${server.stderr()}`)
        return /running on http:\/\/127\.0\.0\.1:(\d+)/.exec(server.stdout())?.[1]
      }),
    )
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200)

    // The port is taken: one line on stderr, exit code 1, no stack trace.
    const second = run(process.execPath, ['--import', 'tsx', 'src/main.ts'], env(path.join(tmp, 'other'), String(port)))
    expect(await second.exited).toBe(1)
    const lines = second.stderr().trim().split('\n')
    expect(lines).toEqual([`Port ${port} is already in use on 127.0.0.1: stop the other process, or set PORT to a free port.`])
    // It let go of its own data directory on the way out.
    expect(fs.existsSync(path.join(tmp, 'other', 'joinedup.lock'))).toBe(false)

    // SIGTERM to npm (what systemd or a container runtime sends) reaches the server, which shuts down cleanly.
    server.child.kill('SIGTERM')
    await server.exited
    for (let i = 0; i < 150 && (await accepts(port)); i++) await new Promise((r) => setTimeout(r, 100))
    expect(await accepts(port)).toBe(false)
    await until('the data directory lock to be released', () => !fs.existsSync(path.join(dataDir, 'joinedup.lock')), 15_000)
    expect(server.stdout()).toContain('received SIGTERM, shutting down')
  }, 240_000)
})
