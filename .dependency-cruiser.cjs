// @ts-check
/**
 * The module boundaries, written once and checked by `npm run lint` (ADR 0002). docs/architecture.md's
 * dependency diagram is drawn from the same rules by `npm run deps:graph`.
 *
 * Layers, lowest first. A module may import from a module in a LOWER layer only its declared surface:
 *   *.paths.ts (URL builders), *.schemas.ts (input schemas), *.types.ts, *.events.ts (domain events it emits),
 *   *.read.ts (its declared read surface: the rows and public rules others may read, never write), and type-only
 *   imports of its *.service.ts (use cases are called through `Services`, built in src/services.ts).
 * Never a repository, a presenter, routes, views or tables, with one deliberate exception listed in ADR 0002:
 *   a *.tables.ts file may import a lower module's *.tables.ts for a foreign key.
 * Modules in the same layer never import each other. platform/ and shared/ import no module and no root file.
 */
const LAYERS = [
  ['structure'],
  ['accounts'],
  ['meetings'],
  ['actions'],
  ['decisions', 'topics', 'reminders', 'publishing', 'members'],
  // The strategy (versions, themes) reads meetings' decisions for its approval; the programme (workstreams,
  // milestones, links) sits under a theme. ADR 0008.
  ['strategy'],
  ['programme'],
  ['search', 'api', 'opendata', 'packs', 'importer'],
  // The public record composes the public pages and the channel links they show (calendar, feeds, API, open
  // data, packs), so it sits above the read models and may import their surfaces (paths). The audit log, beside
  // it, reads every module's events and links each to its record's page (importer jobs and API tokens included).
  ['public', 'auditlog'],
]

const SURFACE = '(\\.(paths|schemas|types|events|read)\\.ts|/public-rules\\.ts)$'
const mod = (names) => `^src/modules/(${names.join('|')})/`

/** For each layer: no import of a higher layer or a sibling; into a lower one, only the surface. */
const layerRules = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(i + 1).flat()
  const below = LAYERS.slice(0, i).flat()
  const rules = []
  for (const name of layer) {
    const siblings = layer.filter((n) => n !== name)
    const upward = [...above, ...siblings]
    if (upward.length) {
      rules.push({
        name: `no-upward-${name}`,
        comment: `${name} is in layer ${i}: it may not import ${upward.join(', ')} (higher or same layer). Emit a domain event, or let the composition root pass it in.`,
        severity: 'error',
        from: { path: mod([name]) },
        to: { path: mod(upward) },
      })
    }
    if (below.length) {
      rules.push({
        name: `surface-only-${name}`,
        comment: `${name} may import from ${below.join(', ')} only paths, schemas, types, events, read surfaces and service types (ADR 0002).`,
        severity: 'error',
        from: { path: mod([name]), pathNot: '\\.tables\\.ts$' },
        to: { path: mod(below), pathNot: `${SURFACE}|\\.service\\.ts$` },
      })
      rules.push({
        name: `service-types-only-${name}`,
        comment: `${name} uses a lower module's use cases through Services: it may import a service's types, never its code.`,
        severity: 'error',
        from: { path: mod([name]) },
        to: { path: `${mod(below)}.+\\.service\\.ts$`, dependencyTypesNot: ['type-only'] },
      })
      rules.push({
        name: `tables-fk-only-${name}`,
        comment: `${name}'s tables may reference a lower module's tables (foreign keys), nothing else of it.`,
        severity: 'error',
        from: { path: `${mod([name])}.+\\.tables\\.ts$` },
        to: { path: mod(below), pathNot: `(\\.tables\\.ts|${SURFACE})$` },
      })
    }
  }
  return rules
})

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-is-domain-free',
      comment: 'platform/ and shared/ know nothing of the domain: no module, no root file (pass platform the config slice it needs).',
      severity: 'error',
      from: { path: '^src/(platform|shared)/' },
      to: { path: '^src/(modules/|[^/]+\\.ts$)' },
    },
    {
      name: 'shared-is-pure',
      comment: 'shared/ holds pure helpers: it imports only shared/.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'modules-not-root',
      comment: 'A module never imports the composition root or the app at run time (a type-only import of Services is how routes receive use cases).',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/(services|app|server|main|cli|schema)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'modules-not-demo',
      comment: 'The demo data sits above the modules; no module imports it.',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/demo/' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts$|/fixtures/|node_modules)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
}
