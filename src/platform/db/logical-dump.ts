import fs from 'node:fs'
import readline from 'node:readline'
import zlib from 'node:zlib'
import { once } from 'node:events'
import { sql, type SQL } from 'drizzle-orm'
import type { Database, Db } from './client.ts'

/**
 * A logical dump the app writes and reads itself (docs/deploy.md, "Backup"): every table of the public schema,
 * each row as PostgreSQL's own JSON of it (row_to_json, kept as text, so numbers and bytes are never re-encoded by
 * JavaScript), tables in foreign-key order, and the value of every sequence. One gzip stream of lines:
 *
 *     {"format":"joined-up-logical-dump","version":1,...,"migrations":[<created_at>...],"tables":[...]}
 *     @table {"name":"partnerships","columns":[...]}
 *     {"id":"...","name":"..."}                    one line a row
 *     @end {"rows":1234,"sequences":{"actions_seq_seq":{"value":"12","called":true}}}
 *
 * Read in one REPEATABLE READ transaction, so the dump is one consistent moment even while the app writes
 * (PostgreSQL). It needs no pg_dump, and it restores into PGlite as well as PostgreSQL (moving from the embedded
 * database to PostgreSQL is a backup and a restore).
 */
export const LOGICAL_FORMAT = 'joined-up-logical-dump'
const VERSION = 1
const BATCH_ROWS = 500

type Row = Record<string, unknown>
const rowsOf = (result: unknown): Row[] => (result as { rows: Row[] }).rows

async function query(db: Db, statement: SQL): Promise<Row[]> {
  return rowsOf(await db.execute(statement))
}

const table = (name: string) => sql`${sql.identifier('public')}.${sql.identifier(name)}`

export type SchemaShape = {
  /** Tables in an order where every table comes after the tables it references (self-references aside). */
  tables: string[]
  /** The columns a row is restored through: generated columns are computed again. */
  columns: Record<string, string[]>
  /** Tables with a foreign key to themselves (their rows are restored in one statement). */
  selfReferencing: Set<string>
  sequences: string[]
}

export async function schemaShape(db: Db): Promise<SchemaShape> {
  const tableRows = await query(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  )
  const names = tableRows.map((r) => String(r.name))
  const columnRows = await query(
    db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and is_generated = 'NEVER' order by table_name, ordinal_position`,
  )
  const columns: Record<string, string[]> = {}
  for (const r of columnRows) (columns[String(r.table_name)] ??= []).push(String(r.column_name))
  const fkRows = await query(
    db,
    sql`select c.relname as child, p.relname as parent from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = k.connamespace where k.contype = 'f' and n.nspname = 'public'`,
  )
  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set<string>()]))
  const selfReferencing = new Set<string>()
  for (const r of fkRows) {
    const child = String(r.child)
    const parent = String(r.parent)
    if (child === parent) selfReferencing.add(child)
    else parents.get(child)?.add(parent)
  }
  const tables: string[] = []
  const placed = new Set<string>()
  while (tables.length < names.length) {
    const ready = names.filter((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p)))
    if (ready.length === 0) {
      const left = names.filter((n) => !placed.has(n))
      throw new Error(`The foreign keys between ${left.join(', ')} form a cycle: this dump cannot order them.`)
    }
    for (const n of ready) {
      tables.push(n)
      placed.add(n)
    }
  }
  const sequenceRows = await query(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  )
  return { tables, columns, selfReferencing, sequences: sequenceRows.map((r) => String(r.name)) }
}

async function appliedMigrations(db: Db): Promise<number[]> {
  try {
    const rows = await query(db, sql`select created_at from drizzle.__drizzle_migrations order by created_at`)
    return rows.map((r) => Number(r.created_at))
  } catch {
    return []
  }
}

/** Writes a logical dump of the database to `file` (gzip). Returns the number of rows written. */
export async function writeLogicalDump(database: Database, file: string): Promise<{ rows: number; tables: number }> {
  const gzip = zlib.createGzip()
  const out = fs.createWriteStream(file, { mode: 0o600 })
  gzip.pipe(out)
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain')
  }
  let total = 0
  let tableCount = 0
  try {
    await database.db.transaction(
      async (tx) => {
        const shape = await schemaShape(tx)
        tableCount = shape.tables.length
        const header = { format: LOGICAL_FORMAT, version: VERSION, createdAt: new Date().toISOString(), source: database.kind, migrations: await appliedMigrations(tx), tables: shape.tables }
        await write(JSON.stringify(header))
        for (const name of shape.tables) {
          await write(`@table ${JSON.stringify({ name, columns: shape.columns[name] ?? [] })}`)
          for (let offset = 0; ; offset += BATCH_ROWS) {
            const rows = await query(tx, sql`select row_to_json(t)::text as j from ${table(name)} t order by t.ctid limit ${BATCH_ROWS} offset ${offset}`)
            for (const r of rows) await write(String(r.j))
            total += rows.length
            if (rows.length < BATCH_ROWS) break
          }
        }
        const sequences: Record<string, { value: string; called: boolean }> = {}
        for (const name of shape.sequences) {
          const [r] = await query(tx, sql`select last_value::text as value, is_called as called from ${table(name)}`)
          sequences[name] = { value: String(r!.value), called: Boolean(r!.called) }
        }
        await write(`@end ${JSON.stringify({ rows: total, sequences })}`)
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    )
    gzip.end()
    await once(out, 'close')
  } catch (err) {
    gzip.destroy()
    out.destroy()
    fs.rmSync(file, { force: true })
    throw err
  }
  return { rows: total, tables: tableCount }
}

/** The file's content, unzipped; a read error (a missing file) ends the stream with that error, never a hang. */
function gunzipped(file: string): zlib.Gunzip {
  const gunzip = zlib.createGunzip()
  const source = fs.createReadStream(file)
  source.once('error', (err) => gunzip.destroy(err))
  return source.pipe(gunzip)
}

export type LogicalHeader = { format: string; version: number; createdAt: string; source: string; migrations: number[]; tables: string[] }

/** Reads the first line of a logical dump, or null when the file is not one (a PGlite data-directory tarball). */
export async function readLogicalHeader(file: string): Promise<LogicalHeader | null> {
  if (!fs.existsSync(file)) return null
  const lines = readline.createInterface({ input: gunzipped(file), crlfDelay: Infinity })
  try {
    for await (const line of lines) {
      if (!line.startsWith(`{"format":"${LOGICAL_FORMAT}"`)) return null
      return JSON.parse(line) as LogicalHeader
    }
    return null
  } catch {
    return null
  } finally {
    lines.close()
  }
}

/**
 * Loads a logical dump into a database whose schema is at the dump's migrations and whose tables hold no rows of
 * their own (a restore migrates an empty database to the dump's level first). One transaction: all or nothing.
 * User triggers are off while rows go in (they would bump versions and stamps the dump already holds); foreign
 * keys stay checked, which is why tables come in dependency order.
 */
export async function loadLogicalDump(database: Database, file: string): Promise<{ rows: number }> {
  let rows = 0
  let ended = false
  await database.db.transaction(async (tx) => {
    const shape = await schemaShape(tx)
    for (const name of shape.tables) await tx.execute(sql`alter table ${table(name)} disable trigger user`)
    // Rows a migration inserted (public_record_version's one row): the dump holds them as they were.
    if (shape.tables.length) await tx.execute(sql.raw(`truncate ${shape.tables.map((n) => `public."${n.replace(/"/g, '""')}"`).join(', ')}`))
    let current: { name: string; columns: string[] } | null = null
    let batch: string[] = []
    const flush = async () => {
      if (!current || batch.length === 0) return
      const cols = sql.join(current.columns.map((c) => sql.identifier(c)), sql`, `)
      await tx.execute(
        sql`insert into ${table(current.name)} (${cols}) overriding system value
            select ${cols} from json_populate_recordset(null::${table(current.name)}, ${`[${batch.join(',')}]`}::json)`,
      )
      rows += batch.length
      batch = []
    }
    let first = true
    // Opened here, just before it is read: a readline interface drops the lines it emits before iteration starts.
    const lines = readline.createInterface({ input: gunzipped(file), crlfDelay: Infinity })
    for await (const line of lines) {
      if (first) {
        first = false
        continue // the header, read by the caller
      }
      if (line.startsWith('@table ')) {
        await flush()
        const next = JSON.parse(line.slice(7)) as { name: string; columns: string[] }
        if (!shape.columns[next.name]) throw new Error(`The backup holds a table this database does not have: ${next.name}`)
        current = next
      } else if (line.startsWith('@end ')) {
        await flush()
        const end = JSON.parse(line.slice(5)) as { rows: number; sequences: Record<string, { value: string; called: boolean }> }
        if (end.rows !== rows) throw new Error(`The backup is damaged: it says ${end.rows} rows, ${rows} were read.`)
        for (const [name, s] of Object.entries(end.sequences)) {
          await tx.execute(sql`select setval(${`public."${name.replace(/"/g, '""')}"`}::regclass, ${s.value}::bigint, ${s.called})`)
        }
        ended = true
      } else if (line !== '') {
        if (!current) throw new Error('The backup is damaged: a row before any table.')
        batch.push(line)
        // A table with a foreign key to itself goes in as one statement (its checks run at the statement's end).
        if (batch.length >= BATCH_ROWS && !shape.selfReferencing.has(current.name)) await flush()
      }
    }
    if (!ended) throw new Error('The backup is incomplete: it ends before its last line. Nothing was restored.')
    for (const name of shape.tables) await tx.execute(sql`alter table ${table(name)} enable trigger user`)
  })
  return { rows }
}

export type TableFingerprint = { rows: number; hash: string }

/**
 * Row count and a content hash of every public table (the rows' text, sorted, hashed): two databases holding the
 * same record give the same fingerprints. `npm run cli -- restore` prints them; the round-trip test compares them.
 */
export async function tableFingerprints(database: Database): Promise<Record<string, TableFingerprint>> {
  const shape = await schemaShape(database.db)
  const out: Record<string, TableFingerprint> = {}
  for (const name of [...shape.tables].sort()) {
    const [r] = await query(
      database.db,
      sql`select count(*)::int as n, coalesce(md5(string_agg(t::text, E'\n' order by t::text)), '') as h from ${table(name)} t`,
    )
    out[name] = { rows: Number(r!.n), hash: String(r!.h) }
  }
  for (const name of shape.sequences) {
    const [r] = await query(database.db, sql`select last_value::text as value, is_called as called from ${table(name)}`)
    out[`sequence ${name}`] = { rows: 1, hash: `${String(r!.value)}/${String(r!.called)}` }
  }
  return out
}
