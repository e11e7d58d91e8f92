// Every table, for drizzle-kit and for tests that truncate. Modules import their own tables directly.
export * from './platform/audit/audit.tables.ts'
export * from './modules/structure/structure.tables.ts'
export * from './modules/accounts/accounts.tables.ts'
export * from './modules/meetings/meetings.tables.ts'
export * from './platform/jobs/jobs.tables.ts'
export * from './modules/actions/actions.tables.ts'
