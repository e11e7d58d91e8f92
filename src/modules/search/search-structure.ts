import { sql, type SQL } from 'drizzle-orm'
import type { MembershipRole, OrganisationType } from '../structure/structure.read.ts'

/**
 * The structure of the public record in search: partnerships, bodies, organisations, and people by their public
 * roles. Everything here is public by the same rules as the partnership and body pages and the API: names,
 * summaries, terms of reference, an organisation's names, a person's name and public job title, and their seats.
 * A person is found only when they hold (or held) a seat on a body: someone who is only an action owner, an
 * attendee or a contact is never listed, and no contact detail is ever read (the people search vector holds the
 * name and job title only). Each branch reads its GIN-indexed `search_vector` (migration 0010).
 */

export const STRUCTURE_KINDS = ['partnership', 'body', 'organisation', 'person'] as const
export type StructureKind = (typeof STRUCTURE_KINDS)[number]

type Filter = { exclude: string | null; bodyId?: string | undefined }

const excluding = (f: Filter, vector: SQL): SQL => (f.exclude ? sql` and not (${vector} @@ ${f.exclude}::tsquery)` : sql``)

/** The columns every search branch selects, for a record with no meeting, item, file or date. */
const noMeeting = sql`null::uuid as meeting_id, null::uuid as item_id, null::text as filename`

export function partnershipsBranch(f: Filter, match: SQL): SQL {
  return sql`select 'partnership' as kind, partnerships.id as id, ${noMeeting}, null::uuid as body_id, null::text as date,
      partnerships.name as title, false as show_desc, false as show_minutes, ts_rank_cd(partnerships.search_vector, ${match}) as rank
    from partnerships
    where partnerships.search_vector @@ ${match}${excluding(f, sql`partnerships.search_vector`)}
      ${f.bodyId ? sql` and partnerships.id = (select b.partnership_id from bodies b where b.id = ${f.bodyId})` : sql``}`
}

export function bodiesBranch(f: Filter, match: SQL): SQL {
  return sql`select 'body' as kind, bodies.id as id, ${noMeeting}, bodies.id as body_id, null::text as date,
      bodies.name as title, false as show_desc, false as show_minutes, ts_rank_cd(bodies.search_vector, ${match}) as rank
    from bodies
    where bodies.search_vector @@ ${match}${excluding(f, sql`bodies.search_vector`)}
      ${f.bodyId ? sql` and bodies.id = ${f.bodyId}` : sql``}`
}

export function organisationsBranch(f: Filter, match: SQL): SQL {
  // With a body chosen: organisations that are partners of its partnership, or that someone sits for on it.
  const onBody = f.bodyId
    ? sql` and (exists (select 1 from partnership_organisations po join bodies b on b.partnership_id = po.partnership_id
          where po.organisation_id = organisations.id and b.id = ${f.bodyId})
        or exists (select 1 from memberships ms where ms.on_behalf_of_organisation_id = organisations.id and ms.body_id = ${f.bodyId}))`
    : sql``
  return sql`select 'organisation' as kind, organisations.id as id, ${noMeeting}, null::uuid as body_id, null::text as date,
      organisations.name as title, false as show_desc, false as show_minutes, ts_rank_cd(organisations.search_vector, ${match}) as rank
    from organisations
    where organisations.search_vector @@ ${match}${excluding(f, sql`organisations.search_vector`)}${onBody}`
}

export function peopleBranch(f: Filter, match: SQL): SQL {
  return sql`select 'person' as kind, people.id as id, ${noMeeting}, null::uuid as body_id, null::text as date,
      concat_ws(' ', people.honorific, people.full_name) as title, false as show_desc, false as show_minutes,
      ts_rank_cd(people.search_vector, ${match}) as rank
    from people
    where people.search_vector @@ ${match}${excluding(f, sql`people.search_vector`)}
      and exists (select 1 from memberships ms where ms.person_id = people.id${f.bodyId ? sql` and ms.body_id = ${f.bodyId}` : sql``})`
}

/** What a structure hit shows and links to, read once for a page of hits. */
export type StructureDetails = {
  partnerships: Map<string, { slug: string; summary: string | null }>
  bodies: Map<string, { slug: string; partnershipName: string }>
  organisations: Map<string, { type: OrganisationType; partnerOf: { name: string; slug: string }[]; seatsOn: { name: string; slug: string }[] }>
  people: Map<string, { jobTitle: string | null; seats: PersonSeat[] }>
}

export type PersonSeat = {
  role: MembershipRole
  bodyName: string
  bodySlug: string
  organisationName: string | null
  startsOn: string | null
  endsOn: string | null
}

const ids = (values: string[]) => sql`array[${sql.join(values.map((v) => sql`${v}::uuid`), sql`, `)}]`

/** The detail queries, by kind; each takes the ids of the hits of that kind on the page (never empty). */
export const structureDetailQueries = {
  partnerships: (list: string[]) => sql`select id, slug, summary from partnerships where id = any(${ids(list)})`,
  bodies: (list: string[]) => sql`select b.id, b.slug, p.name as partnership_name
    from bodies b join partnerships p on p.id = b.partnership_id where b.id = any(${ids(list)})`,
  organisations: (list: string[]) => sql`select o.id, o.type,
      coalesce((select json_agg(json_build_object('name', p.name, 'slug', p.slug) order by p.name)
        from partnership_organisations po join partnerships p on p.id = po.partnership_id where po.organisation_id = o.id), '[]') as partner_of,
      coalesce((select json_agg(distinct jsonb_build_object('name', b.name, 'slug', b.slug))
        from memberships ms join bodies b on b.id = ms.body_id where ms.on_behalf_of_organisation_id = o.id), '[]') as seats_on
    from organisations o where o.id = any(${ids(list)})`,
  // Seats current first (no end, or ending latest), then by body name; never a contact detail.
  people: (list: string[]) => sql`select pe.id, pe.job_title,
      coalesce((select json_agg(json_build_object('role', ms.role, 'bodyName', b.name, 'bodySlug', b.slug, 'organisationName', o.name,
          'startsOn', ms.starts_on, 'endsOn', ms.ends_on) order by ms.ends_on desc nulls first, b.name)
        from memberships ms join bodies b on b.id = ms.body_id left join organisations o on o.id = ms.on_behalf_of_organisation_id
        where ms.person_id = pe.id), '[]') as seats
    from people pe where pe.id = any(${ids(list)})`,
}
