/** Typed URL builders for the action log and matters arising. */
export const actionPaths = {
  public: {
    bodyActions: (bodySlug: string) => `/bodies/${bodySlug}/actions`,
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
    /** The action page's "send the owners their link" button (handled by the reminders module). */
    sendOwnerLink: (id: string) => `/manage/actions/${id}/owner-link`,
    mattersArising: (meetingId: string) => `/manage/meetings/${meetingId}/matters-arising`,
    generateMattersArising: (meetingId: string) => `/manage/meetings/${meetingId}/matters-arising/generate`,
  },
}
