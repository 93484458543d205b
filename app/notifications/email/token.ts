import { createHmac, timingSafeEqual } from 'node:crypto'

// Unsubscribe links: `<account>.<kind>.<expiry day>.<signature>`, signed with HMAC-SHA256, so a
// link works without signing in and nobody can forge one for someone else. Pure: the secret
// and the clock are passed in.

export const TOKEN_DAYS = 90
const DAY_MS = 86_400_000

export type UnsubscribeClaim = { accountId: number; kind: string }

function sign(payload: string, secret: string) {
  return createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url')
}

export function createUnsubscribeToken(claim: UnsubscribeClaim, secret: string, now: Date) {
  const expiryDay = Math.floor(now.getTime() / DAY_MS) + TOKEN_DAYS
  const payload = `${claim.accountId}.${claim.kind}.${expiryDay}`
  return `${payload}.${sign(payload, secret)}`
}

export type TokenReading =
  { ok: true; claim: UnsubscribeClaim } | { ok: false; reason: 'malformed' | 'forged' | 'expired' }

/** Checks the signature with each secret (rotation), then the expiry. */
export function readUnsubscribeToken(
  token: string,
  secrets: readonly string[],
  now: Date,
): TokenReading {
  const match = /^(\d{1,10})\.([a-z_]{1,40})\.(\d{1,8})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!match) return { ok: false, reason: 'malformed' }
  const [, account, kind, expiry, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ]
  const payload = `${account}.${kind}.${expiry}`
  const given = Buffer.from(signature)
  const valid = secrets.some((secret) => {
    const expected = Buffer.from(sign(payload, secret))
    return expected.length === given.length && timingSafeEqual(expected, given)
  })
  if (!valid) return { ok: false, reason: 'forged' }
  if (Number(expiry) * DAY_MS < now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, claim: { accountId: Number(account), kind } }
}
