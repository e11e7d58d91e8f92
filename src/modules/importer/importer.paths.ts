/** Typed URL builders for the importer's screens. */
export const importerPaths = {
  upload: (partnershipId: string) => `/manage/partnerships/${partnershipId}/import`,
  job: (partnershipId: string, jobId: string) => `/manage/partnerships/${partnershipId}/import/${jobId}`,
  start: (partnershipId: string, jobId: string) => `/manage/partnerships/${partnershipId}/import/${jobId}/start`,
  discard: (partnershipId: string, jobId: string) => `/manage/partnerships/${partnershipId}/import/${jobId}/discard`,
}
