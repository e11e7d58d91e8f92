/** Typed URL builders for Atom/RSS feeds and email alerts. */
export const feedPaths = {
  bodyAtom: (slug: string) => `/bodies/${slug}/feed.atom`,
  bodyRss: (slug: string) => `/bodies/${slug}/feed.rss`,
  partnershipAtom: (slug: string) => `/partnerships/${slug}/feed.atom`,
  partnershipRss: (slug: string) => `/partnerships/${slug}/feed.rss`,
  subscribe: (slug: string) => `/bodies/${slug}/subscribe`,
  confirm: (token: string) => `/subscriptions/confirm/${token}`,
  unsubscribe: (token: string) => `/subscriptions/unsubscribe/${token}`,
}

