import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { CloseRoundForm } from './close-round-form'

const form = () =>
  renderInRouter(
    createElement(CloseRoundForm, {
      shortlist: [
        { id: 1, title: 'Better tests' },
        { id: 2, title: 'Doc days' },
      ],
      supersedable: [],
      previous: undefined,
    }),
  )

test('the close form says, before it is sent, that the order is revealed only at close, so every idea needs a reason with the top N', async () => {
  const html = await form()
  const [, help] = /<p id="close-order-help"[^>]*>([^<]*)<\/p>/.exec(html) ?? []
  expect(help?.replace(/\s+/g, ' ')).toBe(
    'Nobody sees the order before the round closes, you included: closing reveals it. So with the top N any idea may end up outside the top and not agreed: give every idea a reason now, the shared one below or one of its own. The reasons of the ideas that make the top are not used.',
  )
  // The top N and the shared reason point at it, so a screen reader hears it at either field.
  expect(html).toMatch(/<input name="topN"[^>]*aria-describedby="close-order-help"/)
  expect(html).toMatch(/<input name="otherReason"[^>]*aria-describedby="close-order-help"/)
})

test('a refused close keeps the explanation beside the field it marks', async () => {
  const html = await renderInRouter(
    createElement(CloseRoundForm, {
      shortlist: [{ id: 1, title: 'Better tests' }],
      supersedable: [],
      previous: { method: 'top-n', topN: '1' },
      errors: { otherReason: 'The reason for every idea not given one of its own.' },
    }),
  )
  expect(html).toMatch(
    /<input name="otherReason"[^>]*aria-invalid="true" aria-describedby="close-order-help otherReason-error"/,
  )
})
