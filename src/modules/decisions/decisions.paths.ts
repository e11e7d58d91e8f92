/** Typed URL builders for the decisions register. */
export const decisionPaths = {
  public: {
    decisions: () => '/decisions',
  },
  manage: {
    decisions: () => '/manage/decisions',
  },
}
