import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { DateField, dayInWords } from './date-field'

const render = (props: Partial<Parameters<typeof DateField>[0]> = {}) =>
  renderToStaticMarkup(
    createElement(DateField, {
      name: 'opensOn',
      label: 'Opens on',
      defaultValue: '2026-12-15',
      ...props,
    }),
  )

test('the day is said in words, in UTC, as the server reads it: the browser shows it in its locale', () => {
  expect(dayInWords('2026-12-15')).toBe('15 Dec 2026 00:00 UTC')
  expect(dayInWords('')).toBe('')
  expect(dayInWords('not a day')).toBe('')
})

test('the words are in the page as served, and the field points at them', () => {
  const html = render()
  expect(html).toMatch(/<span id="opensOn-day"[^>]*>15 Dec 2026 00:00 UTC<\/span>/)
  expect(html).toMatch(/<input[^>]*aria-describedby="opensOn-day"/)
  expect(html).toMatch(/<input[^>]*value="2026-12-15"/)
})

test('a refusal naming the field marks it and says why beside it; the day typed stays', () => {
  const html = render({ defaultValue: '2020-01-01', error: 'Pick a day still to come.' })
  expect(html).toMatch(
    /<input[^>]*aria-describedby="opensOn-day opensOn-error"[^>]*aria-invalid="true"/,
  )
  expect(html).toContain(
    '<p id="opensOn-error" class="mt-1 text-sm text-red-700">Pick a day still to come.</p>',
  )
  expect(html).toMatch(/<input[^>]*value="2020-01-01"/)
})

test('a blank day says nothing in words, and its help says what blank means', () => {
  const html = render({
    name: 'closesOn',
    defaultValue: '',
    help: 'Empty: one month after opening.',
  })
  expect(html).toMatch(/<span id="closesOn-day"[^>]*><\/span>/)
  expect(html).toMatch(/<input[^>]*aria-describedby="closesOn-help"/)
})
