/** Typed URL builders for topics and item histories. */
export const topicPaths = {
  public: {
    topic: (partnershipSlug: string, topicSlug: string) => `/partnerships/${partnershipSlug}/topics/${topicSlug}`,
  },
  manage: {
    topics: (partnershipId: string) => `/manage/partnerships/${partnershipId}/topics`,
    itemTopics: (itemId: string) => `/manage/items/${itemId}/topics`,
  },
}
