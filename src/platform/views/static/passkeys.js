// Passkeys (WebAuthn), a progressive enhancement: the parts marked data-passkey-* stay hidden without script or
// without browser support, and signing in with a password and a code works as before.
const b64urlToBytes = (s) => {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '=')
  return Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))
}
const bytesToB64url = (buf) => {
  const bytes = new Uint8Array(buf)
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const supported = () => typeof window.PublicKeyCredential === 'function' && !!navigator.credentials

async function postJson(url, csrf, body) {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify(body ?? {}),
  })
  const data = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(data.error || data.detail || 'Something went wrong. Try again')
  return data
}

function showError(root, message) {
  const box = root.querySelector('[data-passkey-error]') || document.querySelector('[data-passkey-error]')
  if (!box) return
  box.querySelector('[data-passkey-error-text]').textContent = message
  box.hidden = false
  box.focus()
}

/** A credential as JSON, as @simplewebauthn/server reads it. */
function credentialToJson(cred) {
  const r = cred.response
  const response = { clientDataJSON: bytesToB64url(r.clientDataJSON) }
  if (r.attestationObject) {
    response.attestationObject = bytesToB64url(r.attestationObject)
    response.transports = typeof r.getTransports === 'function' ? r.getTransports() : []
  }
  if (r.authenticatorData) response.authenticatorData = bytesToB64url(r.authenticatorData)
  if (r.signature) response.signature = bytesToB64url(r.signature)
  if (r.userHandle) response.userHandle = bytesToB64url(r.userHandle)
  return {
    id: cred.id,
    rawId: bytesToB64url(cred.rawId),
    type: cred.type,
    response,
    clientExtensionResults: cred.getClientExtensionResults(),
    authenticatorAttachment: cred.authenticatorAttachment ?? undefined,
  }
}

const cancelled = (err) => err && (err.name === 'NotAllowedError' || err.name === 'AbortError')

function setUpRegistration(form) {
  const csrf = form.querySelector('input[name="_csrf"]').value
  form.hidden = false
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const name = form.querySelector('input[name="name"]').value.trim()
    if (!name) return showError(document, 'Enter a name for this passkey')
    try {
      const options = await postJson(form.dataset.options, csrf)
      const publicKey = {
        ...options,
        challenge: b64urlToBytes(options.challenge),
        user: { ...options.user, id: b64urlToBytes(options.user.id) },
        excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: b64urlToBytes(c.id) })),
      }
      const cred = await navigator.credentials.create({ publicKey })
      const result = await postJson(form.dataset.action, csrf, { name, response: credentialToJson(cred) })
      window.location.assign(result.redirect)
    } catch (err) {
      showError(document, cancelled(err) ? 'The passkey was not added: it was cancelled or timed out' : err.message)
    }
  })
}

function setUpSignIn(root) {
  root.hidden = false
  root.querySelector('[data-passkey-button]').addEventListener('click', async (event) => {
    event.preventDefault()
    const csrf = root.dataset.csrf
    try {
      const options = await postJson(root.dataset.options, csrf)
      const publicKey = {
        ...options,
        challenge: b64urlToBytes(options.challenge),
        allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: b64urlToBytes(c.id) })),
      }
      const cred = await navigator.credentials.get({ publicKey })
      const result = await postJson(root.dataset.action, csrf, { response: credentialToJson(cred), next: root.dataset.next || undefined })
      window.location.assign(result.redirect)
    } catch (err) {
      showError(root, cancelled(err) ? 'Signing in with a passkey was cancelled or timed out' : err.message)
    }
  })
}

if (supported()) {
  for (const p of document.querySelectorAll('[data-passkey-unsupported]')) p.hidden = true
  const form = document.querySelector('form[data-passkey-register]')
  if (form) setUpRegistration(form)
  const signIn = document.querySelector('[data-passkey-sign-in]')
  if (signIn) setUpSignIn(signIn)
}
