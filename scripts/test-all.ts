import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { aptInstall, mayInstall, MissingDependencyError, startTempPostgres, type TempPostgres } from './postgres.ts'

/**
 * `npm test`: every tier, none silently skipped.
 *   1. unit + integration on PGlite
 *   2. the same suite on a real PostgreSQL started on loopback in a temporary directory
 *   3. browser journeys in Debian's chromium (playwright-core) with axe on every page
 * Ends with a plain line "N passed, N failed" counting every tier.
 * Extra arguments go to vitest (e.g. `npm test -- src/shared`).
 */
const root = path.resolve(import.meta.dirname, '..')
const outDir = path.join(root, '.tmp')
fs.mkdirSync(outDir, { recursive: true })
const extra = process.argv.slice(2)
const only = process.env.TEST_TIERS?.split(',') ?? ['pglite', 'postgres', 'e2e']

type Tier = { name: string; passed: number; failed: number; skipped: number; ok: boolean; note?: string; failures?: string[] }

type JsonResults = {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests: number
  success: boolean
  testResults?: {
    name: string
    message?: string
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[]
  }[]
}

/** One line per failed test (file, name, first line of the error), so the end of a long CI log says what broke. */
function failuresOf(json: JsonResults): string[] {
  const lines: string[] = []
  for (const file of json.testResults ?? []) {
    const rel = path.relative(root, file.name)
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed')
    for (const a of failed) {
      const first = (a.failureMessages?.[0] ?? '').split('\n').find((l) => l.trim() !== '') ?? ''
      lines.push(`${rel} > ${a.fullName}: ${first.trim().slice(0, 300)}`)
    }
    if (failed.length === 0 && file.message) lines.push(`${rel}: ${file.message.split('\n')[0]?.slice(0, 300) ?? ''}`)
  }
  return lines
}
const tiers: Tier[] = []

function runVitest(project: string, env: Record<string, string> = {}): Tier {
  const out = path.join(outDir, `results-${project}.json`)
  fs.rmSync(out, { force: true })
  console.log(`\n=== ${project} ===`)
  const r = spawnSync(
    'npx',
    ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extra],
    { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } },
  )
  if (!fs.existsSync(out)) return { name: project, passed: 0, failed: 1, skipped: 0, ok: false, note: 'vitest produced no results' }
  const json = JSON.parse(fs.readFileSync(out, 'utf8')) as JsonResults
  const failedSuites = r.status !== 0 && json.numFailedTests === 0 ? 1 : 0
  return {
    name: project,
    passed: json.numPassedTests,
    failed: json.numFailedTests + failedSuites,
    skipped: json.numPendingTests + json.numTodoTests,
    ok: r.status === 0,
    failures: failuresOf(json),
    ...(failedSuites ? { note: 'a test file failed to load or a hook failed' } : {}),
  }
}

function ensureChromium(): void {
  if (fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) return
  if (!mayInstall()) {
    throw new MissingDependencyError(
      "Debian's chromium was not found at /usr/bin/chromium. Install it (apt-get install chromium) or set CHROMIUM_PATH; the browser journeys need it.",
    )
  }
  aptInstall(['chromium', 'fonts-liberation'])
}

async function main(): Promise<number> {
  if (only.includes('pglite')) tiers.push(runVitest('pglite'))

  if (only.includes('postgres')) {
    let pg: TempPostgres | null = null
    try {
      pg = await startTempPostgres()
      tiers.push(runVitest('postgres', { TEST_DATABASE_URL: pg.url }))
    } catch (err) {
      console.error(`\nPostgreSQL tier could not run: ${err instanceof Error ? err.message : String(err)}`)
      tiers.push({ name: 'postgres', passed: 0, failed: 1, skipped: 0, ok: false, note: 'could not start PostgreSQL' })
    } finally {
      pg?.stop()
    }
  }

  if (only.includes('e2e')) {
    try {
      ensureChromium()
      tiers.push(runVitest('e2e'))
    } catch (err) {
      console.error(`\nBrowser tier could not run: ${err instanceof Error ? err.message : String(err)}`)
      tiers.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0, ok: false, note: 'chromium missing' })
    }
  }

  console.log('\n=== summary ===')
  for (const t of tiers) {
    console.log(`${t.name.padEnd(9)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}${t.note ? `  (${t.note})` : ''}`)
  }
  for (const t of tiers) for (const f of t.failures ?? []) console.log(`FAILED [${t.name}] ${f}`)
  const passed = tiers.reduce((n, t) => n + t.passed, 0)
  const failed = tiers.reduce((n, t) => n + t.failed, 0)
  const skipped = tiers.reduce((n, t) => n + t.skipped, 0)
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
  return tiers.every((t) => t.ok) && failed === 0 ? 0 : 1
}

process.exitCode = await main()
