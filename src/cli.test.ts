import { describe, expect, it } from 'vitest'
import { runCli, UsageError } from './cli.ts'

async function run(...args: string[]): Promise<string> {
  let text = ''
  await runCli(args, { stdout: (s) => (text += s) })
  return text
}

describe('npm run cli', () => {
  it('deadline --json gives both dates (worked case 1)', async () => {
    expect(JSON.parse(await run('deadline', '2025-05-06', '--json'))).toEqual({
      latestCompliant: '2025-04-27',
      latestWorkingDay: '2025-04-25',
    })
  })
  it('deadline honours region, closure days and clear days', async () => {
    expect(JSON.parse(await run('deadline', '2027-01-05', '--closure-day', '2026-12-24', '--json'))).toEqual({
      latestCompliant: '2026-12-22',
      latestWorkingDay: '2026-12-22',
    })
    // Scotland: Easter Monday 6 Apr 2026 is a working day there
    expect(JSON.parse(await run('deadline', '2026-04-09', '--region', 'scotland', '--clear-days', '3', '--json')).latestCompliant).toBe('2026-04-05')
    expect(JSON.parse(await run('deadline', '2026-04-09', '--clear-days', '3', '--json')).latestCompliant).toBe('2026-04-01')
  })
  it('clear-days converts an ISO timestamp to the London date (worked case 4)', async () => {
    expect(JSON.parse(await run('clear-days', '2025-04-27T23:30:00Z', '2025-05-06', '--json'))).toEqual({ clearDays: 4 })
    expect(JSON.parse(await run('clear-days', '2025-04-26', '2025-05-06', '--json'))).toEqual({ clearDays: 5 })
  })
  it('explains bad input', async () => {
    await expect(run('deadline', '6 May')).rejects.toThrow(UsageError)
    await expect(run('deadline', '2025-05-06', '--region', 'wales')).rejects.toThrow(/Unknown region/)
    await expect(run('clear-days', 'yesterday', '2025-05-06')).rejects.toThrow(UsageError)
    await expect(run('frobnicate')).rejects.toThrow(/Unknown command/)
  })
})
