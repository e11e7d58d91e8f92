/** Typed URL builders for organisations, partnerships, bodies, people and memberships. */
export const structurePaths = {
  public: {
    home: () => '/',
    partnership: (slug: string) => `/partnerships/${slug}`,
    body: (slug: string) => `/bodies/${slug}`,
  },
  manage: {
    home: () => '/manage',
    organisations: () => '/manage/organisations',
    newOrganisation: () => '/manage/organisations/new',
    editOrganisation: (id: string) => `/manage/organisations/${id}/edit`,
    people: () => '/manage/people',
    newPerson: () => '/manage/people/new',
    editPerson: (id: string) => `/manage/people/${id}/edit`,
    partnerships: () => '/manage/partnerships',
    newPartnership: () => '/manage/partnerships/new',
    partnership: (id: string) => `/manage/partnerships/${id}`,
    editPartnership: (id: string) => `/manage/partnerships/${id}/edit`,
    addPartner: (partnershipId: string) => `/manage/partnerships/${partnershipId}/partners`,
    removePartner: (partnershipId: string, organisationId: string) =>
      `/manage/partnerships/${partnershipId}/partners/${organisationId}/remove`,
    movePartner: (partnershipId: string, organisationId: string) =>
      `/manage/partnerships/${partnershipId}/partners/${organisationId}/move`,
    newBody: (partnershipId: string) => `/manage/partnerships/${partnershipId}/bodies/new`,
    body: (id: string) => `/manage/bodies/${id}`,
    editBody: (id: string) => `/manage/bodies/${id}/edit`,
    newMembership: (bodyId: string) => `/manage/bodies/${bodyId}/memberships/new`,
    editMembership: (id: string) => `/manage/memberships/${id}/edit`,
    endMembership: (id: string) => `/manage/memberships/${id}/end`,
  },
}

/** A path with a query string; empty values are left out. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v))
  const s = params.toString()
  return s ? `${path}?${s}` : path
}
