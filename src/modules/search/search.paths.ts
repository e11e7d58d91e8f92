/** Typed URL builders for public search. */
export const searchPaths = {
  public: {
    /** The search page; pass the query string (without "?") to link to a search. */
    search: (query?: string) => (query ? `/search?${query}` : '/search'),
  },
}
