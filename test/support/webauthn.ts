import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { isoCBOR } from '@simplewebauthn/server/helpers'
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'

const FLAG_UP = 0x01
const FLAG_UV = 0x04
const FLAG_AT = 0x40
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url')
const u32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}

/**
 * A software authenticator for tests without a browser: a real P-256 key pair, real CBOR, real ES256 signatures,
 * 'none' attestation; it answers the options the server sends as a browser and a passkey would. Options let a test
 * break one thing at a time (no user verification, another origin, a counter gone backwards, another user handle).
 * The browser journey (e2e/passkeys.test.ts) uses Chromium's own virtual authenticator instead.
 */
export function softAuthenticator(origin: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const jwk = publicKey.export({ format: 'jwk' })
  const credentialId = randomBytes(16)
  const id = b64(credentialId)
  let counter = 0
  let userHandle: string | undefined
  const clientData = (type: string, challenge: string, o: string) => Buffer.from(JSON.stringify({ type, challenge, origin: o, crossOrigin: false }))
  const rpIdHash = (rpId: string) => createHash('sha256').update(rpId).digest()

  return {
    id,
    register(options: { challenge: string; rp: { id?: string }; user: { id: string } }, opts: { userVerified?: boolean; origin?: string } = {}): RegistrationResponseJSON {
      userHandle = options.user.id
      const cose = isoCBOR.encode(new Map<number, number | Uint8Array>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')]]))
      const lengthBytes = Buffer.alloc(2)
      lengthBytes.writeUInt16BE(credentialId.length)
      const flags = FLAG_UP | FLAG_AT | (opts.userVerified === false ? 0 : FLAG_UV)
      const authData = Buffer.concat([rpIdHash(options.rp.id!), Buffer.from([flags]), u32(counter), Buffer.alloc(16), lengthBytes, credentialId, cose])
      const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never)
      return {
        id,
        rawId: id,
        type: 'public-key',
        response: { clientDataJSON: b64(clientData('webauthn.create', options.challenge, opts.origin ?? origin)), attestationObject: b64(attestationObject), transports: ['internal'] },
        clientExtensionResults: {},
      }
    },
    authenticate(
      options: { challenge: string; rpId?: string },
      opts: { userVerified?: boolean; origin?: string; counter?: number; userHandle?: string } = {},
    ): AuthenticationResponseJSON {
      counter = opts.counter ?? counter + 1
      const flags = FLAG_UP | (opts.userVerified === false ? 0 : FLAG_UV)
      const authData = Buffer.concat([rpIdHash(options.rpId!), Buffer.from([flags]), u32(counter)])
      const data = clientData('webauthn.get', options.challenge, opts.origin ?? origin)
      const signature = sign('sha256', Buffer.concat([authData, createHash('sha256').update(data).digest()]), privateKey)
      return {
        id,
        rawId: id,
        type: 'public-key',
        response: { clientDataJSON: b64(data), authenticatorData: b64(authData), signature: b64(signature), userHandle: opts.userHandle ?? userHandle },
        clientExtensionResults: {},
      }
    },
  }
}
