/** Typed URL builders for the programme: workstreams, milestones, updates and links. A theme's public page is at strategyPaths.public.theme. */
type OwnerKind = 'theme' | 'workstream'
const ownerBase = (kind: OwnerKind, id: string) => (kind === 'theme' ? `/manage/themes/${id}` : `/manage/workstreams/${id}`)

export const programmePaths = {
  public: {
    workstream: (partnershipSlug: string, workstreamSlug: string) => `/partnerships/${partnershipSlug}/workstreams/${workstreamSlug}`,
  },
  manage: {
    programme: (partnershipId: string) => `/manage/partnerships/${partnershipId}/programme`,
    newWorkstream: (partnershipId: string) => `/manage/partnerships/${partnershipId}/workstreams/new`,
    workstream: (id: string) => `/manage/workstreams/${id}`,
    editWorkstream: (id: string) => `/manage/workstreams/${id}/edit`,
    addUpdate: (id: string) => `/manage/workstreams/${id}/updates`,
    addMilestone: (id: string) => `/manage/workstreams/${id}/milestones`,
    editMilestone: (id: string) => `/manage/milestones/${id}/edit`,
    theme: (themeId: string) => `/manage/themes/${themeId}`,
    /** GET (with ?meeting=): choose what to link from that meeting; POST: link what was chosen. */
    links: (kind: OwnerKind, id: string) => `${ownerBase(kind, id)}/links`,
    removeLink: (kind: OwnerKind, id: string) => `${ownerBase(kind, id)}/links/remove`,
  },
}
