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
    newBody: (partnershipId: string) => `/manage/partnerships/${partnershipId}/bodies/new`,
    body: (id: string) => `/manage/bodies/${id}`,
    editBody: (id: string) => `/manage/bodies/${id}/edit`,
    newMembership: (bodyId: string) => `/manage/bodies/${bodyId}/memberships/new`,
    editMembership: (id: string) => `/manage/memberships/${id}/edit`,
  },
}
