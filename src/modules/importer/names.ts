import type { BodyKind } from '../structure/structure.read.ts'

/** Names as minutes print them: people with honorifics, bodies, contacts. Pure. */

const HONORIFIC =
  /^(Cllr\.?|Councillor|County Councillor|Dr\.?|Prof\.?|Professor|CI|DCI|DI|DS|Supt\.?|Ch\.?\s*Supt\.?|Chief Superintendent|Superintendent|Chief Inspector|Inspector|Insp\.?|Sgt\.?|PC|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|Rev\.?|Revd\.?|Sir|Dame|Lord|Lady)\s+(.+)$/i
const GROUP_WORDS =
  /\b(?:group|groups|leads?|team|teams|board|executive|partners?|pmo|officers?|members|all|secretariat|chair|council|partnership|network|services?|committee|forum|panel|unit|office|agencies|organisations?)\b/i
const PERSON_LIKE = /^[A-Z][A-Za-z’'`-]+(?:\s+[A-Z][A-Za-z’'`-]+){1,3}$/

/** "Cllr Alistair Bradley" -> honorific "Cllr", full name "Alistair Bradley". */
export function splitName(raw: string): { honorific: string | null; fullName: string } {
  const name = raw.replace(/\s+/g, ' ').trim()
  const m = HONORIFIC.exec(name)
  if (m && m[2] && m[2].trim().length > 0) return { honorific: (m[1] ?? '').trim(), fullName: m[2].trim() }
  return { honorific: null, fullName: name }
}
export const nameKey = (raw: string): string => splitName(raw).fullName.toLowerCase()
export const bodyKey = (name: string): string => name.replace(/\s+/g, ' ').trim().toLowerCase()

/** "Hayley Hughes  01257 515035" -> name and phone; "Democratic Services, tel 01954 713000, email a@b.gov.uk" too. */
export function splitContact(contact: string | null): { name: string | null; phone: string | null; email: string | null } {
  if (!contact) return { name: null, phone: null, email: null }
  const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(contact)?.[0] ?? null
  const phone = /(?:\+44\s?|\b0)\d[\d ]{8,12}\d\b/.exec(contact)?.[0]?.replace(/\s+/g, ' ') ?? null
  let name = contact
  if (email) name = name.replace(email, ' ')
  if (phone) name = name.replace(/(?:\+44\s?|\b0)\d[\d ]{8,12}\d\b/, ' ')
  name = name
    .replace(/\b(?:tel(?:ephone)?|phone|e-?mail)\b\.?:?/gi, ' ')
    .replace(/[\s,;:–-]+$/g, '')
    .replace(/\s*,(?:\s*,)+/g, ',')
    .replace(/\s+/g, ' ')
    .replace(/[\s,]+$/, '')
    .trim()
  return { name: name || null, phone, email }
}

/** What kind of body a new one is, guessed from its name. */
export function guessBodyKind(name: string): BodyKind {
  if (/\bexecutive\b/i.test(name)) return 'executive'
  if (/\b(?:working|task)\s+group\b/i.test(name)) return 'working_group'
  if (/\b(?:implementation|delivery|operational)\b/i.test(name)) return 'implementation_group'
  if (/\bpartnership\b/i.test(name) && !/\bboard\b/i.test(name)) return 'thematic_partnership'
  return 'board'
}

/** An action owner that is neither a known person nor an organisation: a person's name, or a group ("PMO")? */
export function looksLikePerson(who: string): boolean {
  return splitName(who).honorific !== null || (PERSON_LIKE.test(who.trim()) && !GROUP_WORDS.test(who))
}
