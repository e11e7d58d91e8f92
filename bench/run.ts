import { benchImporterParse } from './importer-parse.ts'

/** `npm run bench`: each benchmark prints one line of figures. */
const parse = benchImporterParse(1000)
console.log(`importer parse: ${parse.documents} documents in ${parse.ms} ms = ${parse.perSecond} documents/s (heap ${parse.heapMb} MB)`)
console.log(await (await import('./packs.ts')).packsBenchLine())
for (const line of await (await import('./public-page.ts')).publicPageBenchLines()) console.log(line)
console.log(await (await import('./search.ts')).searchBenchLines())
