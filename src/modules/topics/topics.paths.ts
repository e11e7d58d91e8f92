/** Typed URL builders for topics and item histories. */
export const topicPaths = {
  public: {
    /** Every partnership's topics that have something public, with counts. */
    index: () => '/topics',
    /** One partnership's. */
    partnershipTopics: (partnershipSlug: string) => `/partnerships/${partnershipSlug}/topics`,
    topic: (partnershipSlug: string, topicSlug: string) => `/partnerships/${partnershipSlug}/topics/${topicSlug}`,
  },
  manage: {
    topics: (partnershipId: string) => `/manage/partnerships/${partnershipId}/topics`,
    itemTopics: (itemId: string) => `/manage/items/${itemId}/topics`,
  },
}
