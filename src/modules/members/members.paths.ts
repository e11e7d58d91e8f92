/** Typed URL builders for the members' home. */
export const memberPaths = {
  home: () => '/home',
  action: (id: string) => `/home/actions/${id}`,
}
