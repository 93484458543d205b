import { NOTIFICATION_KINDS, isNotificationKind } from '../kinds'

// One email gathering a person's waiting notifications: plain text, a link to each, and a link
// per kind to stop emails of that kind. Pure.

export type EmailItem = { notificationId: number; kind: string; title: string }

export type ComposedEmail = { subject: string; text: string; unsubscribeUrl: string }

export function composeEmail(
  items: readonly EmailItem[],
  options: { boardUrl: string; unsubscribeUrlFor: (kind: string) => string },
): ComposedEmail {
  const kinds = [...new Set(items.map((item) => item.kind))]
  const subject =
    items.length === 1 ? items[0]!.title : `${items.length} updates from Pioneer Board`
  // Each through /notifications/:id, as the inbox's links are: opened from the email, the notice
  // is read, so the inbox and the home page do not call it new again once she is on the board.
  const lines = items.map(
    (item) => `- ${item.title}\n  ${options.boardUrl}/notifications/${item.notificationId}`,
  )
  const stops = kinds.map((kind) => {
    const label = isNotificationKind(kind) ? NOTIFICATION_KINDS[kind].label : kind
    return `- “${label}”: ${options.unsubscribeUrlFor(kind)}`
  })
  const text = [
    'Hello,',
    '',
    ...lines,
    '',
    `Your inbox: ${options.boardUrl}/notifications`,
    '',
    'Stop these emails (no sign-in needed):',
    ...stops,
    `Or choose what you are told: ${options.boardUrl}/me/settings`,
    '',
  ].join('\n')
  return {
    subject: subject.slice(0, 200),
    text,
    unsubscribeUrl: options.unsubscribeUrlFor(kinds[0]!),
  }
}
