import { z } from 'zod'

import { getDb, type Database } from '../../db/client.server'

// A person's email address, for notifications: GitHub sign-in offers the primary verified one
// (when the board sends email), which the person takes or declines on /me/settings; that page
// also changes or removes it.

export const EMAIL_MAX = 254

/** One address as people type it; refused with a reason when it cannot be one. */
export const EmailSchema = z
  .string()
  .trim()
  .max(EMAIL_MAX, `An address is at most ${EMAIL_MAX} characters.`)
  .email('That is not an email address.')
  .refine((value) => !/[\s<>,;"]/.test(value), 'That is not an email address.')

export async function getAccountEmail(accountId: number, db: Database = getDb()) {
  const row = await db
    .selectFrom('account')
    .select('email')
    .where('id', '=', accountId)
    .executeTakeFirst()
  return row?.email ?? null
}

/** Sets (or, with null, removes) the address; mail still waiting for the old one goes nowhere. */
export async function setAccountEmail(
  accountId: number,
  email: string | null,
  db: Database = getDb(),
) {
  await db.updateTable('account').set({ email }).where('id', '=', accountId).execute()
}

/**
 * The address GitHub supplied, to offer the person (never saved unasked: saving it would start
 * email); null when it is not an address or they already have one of their own.
 */
export async function offerGitHubEmail(
  accountId: number,
  email: string | null,
  db: Database = getDb(),
) {
  if (!email || !EmailSchema.safeParse(email).success) return null
  return (await getAccountEmail(accountId, db)) === null ? email : null
}
