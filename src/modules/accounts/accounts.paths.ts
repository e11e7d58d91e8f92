/** Typed URL builders for signing in, account links and people management. */
export const accountPaths = {
  signIn: () => '/sign-in',
  signOut: () => '/sign-out',
  setPassword: (token: string) => `/account/set-password/${token}`,
  requestReset: () => '/account/reset',
  resetSent: () => '/account/reset/sent',
  changePassword: () => '/account/password',
  /** The second step of signing in, for accounts with two-factor authentication. */
  signInCode: () => '/sign-in/two-factor',
  signInRecoveryCode: () => '/sign-in/recovery-code',
  /** The signed-in user's own account: password, two-factor authentication. */
  account: () => '/account',
  twoFactor: () => '/account/two-factor',
  twoFactorStart: () => '/account/two-factor/start',
  twoFactorSetUp: () => '/account/two-factor/set-up',
  twoFactorTurnOff: () => '/account/two-factor/turn-off',
  recoveryCodes: () => '/account/two-factor/recovery-codes',
  manage: {
    security: () => '/manage/security',
    users: () => '/manage/users',
    invite: () => '/manage/users/invite',
    user: (id: string) => `/manage/users/${id}`,
    addRole: (id: string) => `/manage/users/${id}/roles`,
    removeRole: (id: string) => `/manage/users/${id}/roles/remove`,
    disable: (id: string) => `/manage/users/${id}/disable`,
    enable: (id: string) => `/manage/users/${id}/enable`,
    linkPerson: (id: string) => `/manage/users/${id}/person`,
    inviteAgain: (id: string) => `/manage/users/${id}/invite-again`,
    resetTwoFactor: (id: string) => `/manage/users/${id}/two-factor/reset`,
  },
}
