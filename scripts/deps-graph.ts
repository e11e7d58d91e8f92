import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/**
 * `npm run deps:graph`: draws the module dependency diagram in docs/architecture.md from the code, with
 * dependency-cruiser (the same tool and rules `npm run lint` checks). `--check` (run by `npm run lint`) fails when
 * the committed diagram differs from the code's.
 */
const root = path.resolve(import.meta.dirname, '..')
const doc = path.join(root, 'docs/architecture.md')
const START = '<!-- deps:graph start (npm run deps:graph) -->'
const END = '<!-- deps:graph end -->'

type Cruise = { modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[] }

const run = spawnSync('npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
if (!run.stdout) {
  console.error(run.stderr)
  process.exit(1)
}
const cruise = JSON.parse(run.stdout) as Cruise

/** A file's place in the picture: a module's name, or platform / shared; root files are the composition root. */
function placeOf(file: string): string | null {
  const m = /^src\/modules\/([^/]+)\//.exec(file)
  if (m) return m[1]!
  if (file.startsWith('src/demo/')) return 'demo'
  return null
}

const edges = new Map<string, { runtime: boolean }>()
for (const mod of cruise.modules) {
  const from = placeOf(mod.source)
  if (!from) continue
  for (const dep of mod.dependencies) {
    const to = placeOf(dep.resolved)
    if (!to || to === from) continue
    const key = `${from} --> ${to}`
    const runtime = !dep.dependencyTypes.includes('type-only')
    const seen = edges.get(key)
    edges.set(key, { runtime: (seen?.runtime ?? false) || runtime })
  }
}

const lines = [...edges.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([key, e]) => `  ${e.runtime ? key : key.replace('-->', '-.->')}`)
const block = [
  START,
  '```mermaid',
  'graph BT',
  '  %% A --> B: A imports B\'s surface (paths, schemas, types, events, read); A -.-> B: types only.',
  '  %% Every module also uses platform/ and shared/, which import no module.',
  ...lines,
  '```',
  END,
].join('\n')

const text = fs.readFileSync(doc, 'utf8')
const at = text.indexOf(START)
const end = text.indexOf(END)
if (at < 0 || end < 0) {
  console.error(`docs/architecture.md has no ${START} ... ${END} block`)
  process.exit(1)
}
const next = text.slice(0, at) + block + text.slice(end + END.length)
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('docs/architecture.md: the module dependency diagram is out of date. Run `npm run deps:graph` and commit it.')
    process.exit(1)
  }
  console.log('docs/architecture.md: module dependency diagram is current')
} else {
  fs.writeFileSync(doc, next)
  console.log(`docs/architecture.md: ${lines.length} module dependencies drawn`)
}
