/** Typed URL builders for the API, its documents and the token pages. */
export const apiPaths = {
  openapi: () => '/api/openapi.json',
  docs: () => '/api/docs',
  meeting: (id: string) => `/api/v1/meetings/${id}`,
  meetings: () => '/api/v1/meetings',
  manage: {
    tokens: (partnershipId: string) => `/manage/partnerships/${partnershipId}/api-tokens`,
    newToken: (partnershipId: string) => `/manage/partnerships/${partnershipId}/api-tokens/new`,
    revokeToken: (partnershipId: string, tokenId: string) => `/manage/partnerships/${partnershipId}/api-tokens/${tokenId}/revoke`,
  },
}
