import { getDb, type Database } from '../../../db/client.server'
import { signingSecrets } from '../../accounts/signing-secret.server'
import { setDelivery } from '../inbox.server'
import { isNotificationKind, NOTIFICATION_KINDS } from '../kinds'

import { readUnsubscribeToken } from './token'

export type UnsubscribeCheck =
  | { ok: true; accountId: number; kind: keyof typeof NOTIFICATION_KINDS; label: string }
  | { ok: false; message: string }

const REFUSALS = {
  malformed: 'This unsubscribe link is incomplete or damaged: copy the whole link from the email.',
  forged: 'This unsubscribe link is not one the board made: nothing was changed.',
  expired:
    'This unsubscribe link has expired: use the link in a recent email, or sign in and choose in your notification settings.',
}

/** What an unsubscribe link says, if the board signed it (settings.server.ts) and it has not expired. */
export async function checkUnsubscribeToken(
  token: string | null,
  now: Date,
): Promise<UnsubscribeCheck> {
  if (!token) return { ok: false, message: REFUSALS.malformed }
  const reading = readUnsubscribeToken(token, await signingSecrets(), now)
  if (!reading.ok) return { ok: false, message: REFUSALS[reading.reason] }
  if (!isNotificationKind(reading.claim.kind)) return { ok: false, message: REFUSALS.malformed }
  return {
    ok: true,
    accountId: reading.claim.accountId,
    kind: reading.claim.kind,
    label: NOTIFICATION_KINDS[reading.claim.kind].label,
  }
}

/** Stops email of one kind: the notices stay in the inbox. */
export async function unsubscribe(
  check: Extract<UnsubscribeCheck, { ok: true }>,
  db: Database = getDb(),
) {
  const account = await db
    .selectFrom('account')
    .select('id')
    .where('id', '=', check.accountId)
    .executeTakeFirst()
  if (!account) return false
  await setDelivery(check.accountId, check.kind, 'inbox', db)
  return true
}
