import { expect, test } from 'vitest'

import { composeEmail } from './compose'

const OPTIONS = {
  boardUrl: 'https://board.example.org',
  unsubscribeUrlFor: (kind: string) =>
    `https://board.example.org/notifications/unsubscribe?${kind}`,
}

test('each notice in an email links through the inbox’s /notifications/:id, which reads it', () => {
  const email = composeEmail(
    [
      { notificationId: 41, kind: 'claim_answered', title: 'Mo answered your claim on “TCP”' },
      { notificationId: 57, kind: 'idea_commented', title: 'Ada commented on “Fuzzing”' },
    ],
    OPTIONS,
  )
  expect(email.text).toContain(
    '- Mo answered your claim on “TCP”\n  https://board.example.org/notifications/41\n',
  )
  expect(email.text).toContain(
    '- Ada commented on “Fuzzing”\n  https://board.example.org/notifications/57\n',
  )
  expect(email.subject).toBe('2 updates from Pioneer Board')
})
