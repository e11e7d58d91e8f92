/** Typed URL builders for the strategy: the secretariat's pages and the public's. */
export const strategyPaths = {
  public: {
    /** The current strategy and its history (every approved version). */
    strategy: (partnershipSlug: string) => `/partnerships/${partnershipSlug}/strategy`,
    version: (partnershipSlug: string, number: number | string) => `/partnerships/${partnershipSlug}/strategy/versions/${number}`,
    compare: (partnershipSlug: string) => `/partnerships/${partnershipSlug}/strategy/compare`,
    /** A theme's page: its address is the strategy's (the programme module serves it, with its workstreams). */
    theme: (partnershipSlug: string, themeSlug: string) => `/partnerships/${partnershipSlug}/themes/${themeSlug}`,
  },
  manage: {
    strategy: (partnershipId: string) => `/manage/partnerships/${partnershipId}/strategy`,
    newDraft: (partnershipId: string) => `/manage/partnerships/${partnershipId}/strategy/new`,
    compare: (partnershipId: string) => `/manage/partnerships/${partnershipId}/strategy/compare`,
    version: (versionId: string) => `/manage/strategy/${versionId}`,
    editVersion: (versionId: string) => `/manage/strategy/${versionId}/edit`,
    addTheme: (versionId: string) => `/manage/strategy/${versionId}/themes`,
    editTheme: (versionId: string, themeId: string) => `/manage/strategy/${versionId}/themes/${themeId}/edit`,
    moveTheme: (versionId: string, themeId: string) => `/manage/strategy/${versionId}/themes/${themeId}/move`,
    removeTheme: (versionId: string, themeId: string) => `/manage/strategy/${versionId}/themes/${themeId}/remove`,
    approve: (versionId: string) => `/manage/strategy/${versionId}/approve`,
    newVersion: (versionId: string) => `/manage/strategy/${versionId}/new-version`,
  },
}
