import { describe, expect, it } from 'vitest'
import type { CurrentUser } from '../../platform/http/types.ts'
import { AppError } from '../../platform/http/errors.ts'
import { assertCanGrant, assertCanGrantAdmin, assertCanManageAccount, canManagePeople, canSeeAccount, managedPartnershipIds } from './accounts.policy.ts'

const user = (over: Partial<CurrentUser> = {}): CurrentUser => ({ id: 'u1', email: 'a@example.org', displayName: 'A', isAdmin: false, secretariatOf: [], memberOf: [], ...over })
const admin = user({ id: 'admin', isAdmin: true })
const chorley = user({ id: 'sec', secretariatOf: ['P1'] })
const refused = (fn: () => void) => {
  try {
    fn()
  } catch (e) {
    return e instanceof AppError && e.code === 'FORBIDDEN'
  }
  return false
}

describe('who manages accounts', () => {
  it('admins and secretariats manage people; members, read-only officers and data providers do not', () => {
    expect(canManagePeople(admin)).toBe(true)
    expect(canManagePeople(chorley)).toBe(true)
    expect(canManagePeople(user({ memberOf: ['B1'], readOnlyOf: ['P1'], dataProviderFor: [{ partnershipId: 'P1', organisationId: 'O1' }] }))).toBe(false)
    expect(canManagePeople(null)).toBe(false)
    expect(managedPartnershipIds(admin)).toBeUndefined()
    expect(managedPartnershipIds(chorley)).toEqual(['P1'])
  })

  it('a secretariat sees accounts with a role in its partnerships, and its own', () => {
    expect(canSeeAccount(chorley, { id: 'x', isAdmin: false, partnershipIds: ['P1', 'P2'] })).toBe(true)
    expect(canSeeAccount(chorley, { id: 'x', isAdmin: false, partnershipIds: ['P2'] })).toBe(false)
    expect(canSeeAccount(chorley, { id: 'x', isAdmin: false, partnershipIds: [] })).toBe(false)
    expect(canSeeAccount(chorley, { id: 'sec', isAdmin: false, partnershipIds: [] })).toBe(true)
    expect(canSeeAccount(admin, { id: 'x', isAdmin: true, partnershipIds: [] })).toBe(true)
  })

  it('never grants more than the actor holds', () => {
    expect(refused(() => assertCanGrant(chorley, { partnershipId: 'P1', role: 'secretariat' }))).toBe(false)
    expect(refused(() => assertCanGrant(chorley, { partnershipId: 'P1', role: 'read_only' }))).toBe(false)
    expect(refused(() => assertCanGrant(chorley, { partnershipId: 'P2', role: 'read_only' }))).toBe(true)
    expect(refused(() => assertCanGrant(admin, { partnershipId: 'P2', role: 'secretariat' }))).toBe(false)
    expect(refused(() => assertCanGrantAdmin(chorley))).toBe(true)
    expect(refused(() => assertCanGrantAdmin(admin))).toBe(false)
  })

  it('disables or links only accounts wholly within the secretariat’s partnerships, never its own or an admin’s', () => {
    expect(refused(() => assertCanManageAccount(chorley, { id: 'x', isAdmin: false, partnershipIds: ['P1'] }))).toBe(false)
    expect(refused(() => assertCanManageAccount(chorley, { id: 'x', isAdmin: false, partnershipIds: ['P1', 'P2'] }))).toBe(true)
    expect(refused(() => assertCanManageAccount(chorley, { id: 'x', isAdmin: false, partnershipIds: [] }))).toBe(true)
    expect(refused(() => assertCanManageAccount(chorley, { id: 'x', isAdmin: true, partnershipIds: ['P1'] }))).toBe(true)
    expect(refused(() => assertCanManageAccount(chorley, { id: 'sec', isAdmin: false, partnershipIds: ['P1'] }))).toBe(true)
    expect(refused(() => assertCanManageAccount(admin, { id: 'admin', isAdmin: true, partnershipIds: [] }))).toBe(true)
    expect(refused(() => assertCanManageAccount(admin, { id: 'x', isAdmin: true, partnershipIds: [] }))).toBe(false)
  })
})
