/** Typed URL builders for actions, matters arising, the decisions register and topic histories. */
export const actionPaths = {
  public: {
    bodyActions: (bodySlug: string) => `/bodies/${bodySlug}/actions`,
    decisions: () => '/decisions',
    topic: (partnershipSlug: string, topicSlug: string) => `/partnerships/${partnershipSlug}/topics/${topicSlug}`,
  },
  manage: {
    tracker: () => '/manage/actions',
    trackerCsv: () => '/manage/actions.csv',
    action: (id: string) => `/manage/actions/${id}`,
    newAction: (itemId: string) => `/manage/items/${itemId}/actions/new`,
    editAction: (id: string) => `/manage/actions/${id}/edit`,
    addUpdate: (id: string) => `/manage/actions/${id}/updates`,
    changeStatus: (id: string) => `/manage/actions/${id}/status`,
    links: (id: string) => `/manage/actions/${id}/links`,
    unlink: (id: string) => `/manage/actions/${id}/links/remove`,
    sendOwnerLink: (id: string) => `/manage/actions/${id}/owner-link`,
    mattersArising: (meetingId: string) => `/manage/meetings/${meetingId}/matters-arising`,
    generateMattersArising: (meetingId: string) => `/manage/meetings/${meetingId}/matters-arising/generate`,
    decisions: () => '/manage/decisions',
    topics: (partnershipId: string) => `/manage/partnerships/${partnershipId}/topics`,
    itemTopics: (itemId: string) => `/manage/items/${itemId}/topics`,
  },
  owner: {
    /** The personal link emailed to an owner without an account. */
    actions: (token: string) => `/my-actions/${token}`,
  },
}
