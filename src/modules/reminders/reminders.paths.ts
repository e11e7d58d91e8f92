/** Typed URL builders for owner links and reminder emails. */
export const reminderPaths = {
  /** The personal link emailed to an owner without an account. */
  ownerActions: (token: string) => `/my-actions/${token}`,
  /** The opt-out page for reminder emails (a signed token, not the single-use owner link). */
  optOut: (token: string) => `/reminders/opt-out/${token}`,
}
