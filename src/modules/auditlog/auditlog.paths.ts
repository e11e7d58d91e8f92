/** Typed URL builders for the audit log. */
export const auditPaths = {
  manage: {
    log: () => '/manage/audit',
    csv: () => '/manage/audit.csv',
    /** The log filtered to one record: what a record's page links to ("see its history"). */
    ofRecord: (subjectType: string, subjectId: string) => `/manage/audit?${new URLSearchParams({ type: subjectType, id: subjectId }).toString()}`,
  },
}
