import type { Db } from '../../platform/db/client.ts'

/**
 * Which people a user may see and choose (issue 10): the partnerships whose people are in view, or null for every
 * person (an admin). A person is in view when one of these partnerships uses them (person_partnerships).
 */
export type PeopleScope = string[] | null

/**
 * Structure's write port "these partnerships use these people" (structure/person-use.ts), handed by the composition
 * root to each module that refers to a person (attendance, action owners, imports), to call inside its transaction.
 */
export type NotePeopleUse = (personIds: (string | null | undefined)[], partnershipId: string, tx: Db) => Promise<void>
