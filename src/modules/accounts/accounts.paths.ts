/** Typed URL builders for signing in, account links and people management. */
export const accountPaths = {
  signIn: () => '/sign-in',
  signOut: () => '/sign-out',
  /** Single sign-on: the button posts here; the provider sends the browser back to the callback. */
  ssoStart: () => '/sign-in/sso',
  ssoCallback: () => '/sign-in/sso/callback',
  account: () => '/account',
  sessions: () => '/account/sessions',
  endSession: (id: string) => `/account/sessions/${id}/sign-out`,
  endOtherSessions: () => '/account/sessions/sign-out-others',
  setPassword: (token: string) => `/account/set-password/${token}`,
  requestReset: () => '/account/reset',
  resetSent: () => '/account/reset/sent',
  changePassword: () => '/account/password',
  manage: {
    users: () => '/manage/users',
    invite: () => '/manage/users/invite',
    user: (id: string) => `/manage/users/${id}`,
    addRole: (id: string) => `/manage/users/${id}/roles`,
    removeRole: (id: string) => `/manage/users/${id}/roles/remove`,
    disable: (id: string) => `/manage/users/${id}/disable`,
    enable: (id: string) => `/manage/users/${id}/enable`,
    linkPerson: (id: string) => `/manage/users/${id}/person`,
    inviteAgain: (id: string) => `/manage/users/${id}/invite-again`,
    unlinkIdentity: (id: string) => `/manage/users/${id}/sso/unlink`,
  },
}
