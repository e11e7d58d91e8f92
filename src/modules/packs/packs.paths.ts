/** Typed URL builders for the printed outputs of a meeting (link them from the public meeting page). */
export const packPaths = {
  pack: (meetingId: string) => `/meetings/${meetingId}/pack.pdf`,
  minutesPdf: (meetingId: string) => `/meetings/${meetingId}/minutes.pdf`,
  minutesDocx: (meetingId: string) => `/meetings/${meetingId}/minutes.docx`,
}
