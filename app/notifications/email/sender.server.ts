import { hostname } from 'node:os'

import nodemailer from 'nodemailer'

import { getDb, type Database } from '../../../db/client.server'
import { describeError, log } from '../../utils/log.server'

import { composeEmail } from './compose'
import { claimEmailBatches, markBatchRefused, markBatchSent } from './outbox.server'
import { createUnsubscribeToken } from './token'

// Sends what the outbox holds through SMTP (nodemailer). Each batch is one email to one person;
// a refusal (a bounce at RCPT, a 4xx/5xx, a connection refused) is retried with backoff and
// finally marked failed with the server's words, for the admin page.

export type MailTransport = {
  sendMail: (message: {
    from: string
    to: string
    subject: string
    text: string
    messageId: string
    headers: Record<string, string>
  }) => Promise<unknown>
}

export function createSmtpTransport(smtpUrl: string): MailTransport {
  // Short timeouts: a dead server must delay mail, not hang the job.
  return nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as object)
}

export type EmailSettings = {
  from: string
  /** The board's public address, for links. */
  boardUrl: string
  /** Signs unsubscribe links: the first secret. */
  secret: string
}

export type DrainSummary = { sent: number; retrying: number; failed: number }

export async function drainEmailOutbox(
  transport: MailTransport,
  settings: EmailSettings,
  now: Date,
  db: Database = getDb(),
  workerId = `email@${hostname()}-${process.pid}`,
): Promise<DrainSummary> {
  const summary: DrainSummary = { sent: 0, retrying: 0, failed: 0 }
  const batches = await claimEmailBatches(now, workerId, db)
  for (const batch of batches) {
    const email = composeEmail(batch.items, {
      boardUrl: settings.boardUrl,
      unsubscribeUrlFor: (kind) =>
        `${settings.boardUrl}/notifications/unsubscribe?token=${createUnsubscribeToken({ accountId: batch.accountId, kind }, settings.secret, now)}`,
    })
    // The same batch sent again after a crash carries the same id, so mail clients merge it.
    const messageId = `<notifications-${batch.items
      .map((item) => item.notificationId)
      .join('-')
      .slice(0, 120)}@pioneer-board>`
    try {
      await transport.sendMail({
        from: settings.from,
        to: batch.address,
        subject: email.subject,
        text: email.text,
        messageId,
        headers: {
          'List-Unsubscribe': `<${email.unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      const gaveUp = await markBatchRefused(batch, reason, now, workerId, db)
      if (gaveUp) summary.failed += batch.rowIds.length
      else summary.retrying += batch.rowIds.length
      log.warn('sending a notification email failed', {
        accountId: batch.accountId,
        gaveUp,
        ...describeError(error),
      })
      continue
    }
    await markBatchSent(batch, messageId, now, workerId, db)
    summary.sent += batch.rowIds.length
  }
  return summary
}
