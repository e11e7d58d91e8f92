/** Typed URL builders for meetings, agendas, papers, attendance and minutes. */
export const meetingPaths = {
  public: {
    meeting: (id: string) => `/meetings/${id}`,
    paper: (id: string, filename: string) => `/papers/${id}/${encodeURIComponent(filename)}`,
  },
  manage: {
    newMeeting: (bodyId: string) => `/manage/bodies/${bodyId}/meetings/new`,
    meeting: (id: string) => `/manage/meetings/${id}`,
    editMeeting: (id: string) => `/manage/meetings/${id}/edit`,
    cancelMeeting: (id: string) => `/manage/meetings/${id}/cancel`,
    publishAgenda: (id: string) => `/manage/meetings/${id}/publish`,
    newItem: (meetingId: string) => `/manage/meetings/${meetingId}/items/new`,
    editItem: (itemId: string) => `/manage/items/${itemId}/edit`,
    moveItem: (itemId: string) => `/manage/items/${itemId}/move`,
    deleteItem: (itemId: string) => `/manage/items/${itemId}/delete`,
    newPaper: (meetingId: string) => `/manage/meetings/${meetingId}/papers/new`,
    deletePaper: (paperId: string) => `/manage/papers/${paperId}/delete`,
    attendance: (meetingId: string) => `/manage/meetings/${meetingId}/attendance`,
    minutes: (meetingId: string) => `/manage/meetings/${meetingId}/minutes`,
    itemMinutes: (itemId: string) => `/manage/items/${itemId}/minutes`,
    approveMinutes: (meetingId: string) => `/manage/meetings/${meetingId}/approve-minutes`,
    publishDraftMinutes: (meetingId: string) => `/manage/meetings/${meetingId}/minutes/publish`,
  },
}
