import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { IgnoredParameters } from './notice'

const text = (html: string) =>
  html
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')

test('ignored parameters are listed under the page’s heading, each with what it accepts; none, no notice', () => {
  const problem = { parameter: 'state', message: 'not a state', allowed: 'open, closed or all' }
  const html = renderToStaticMarkup(
    createElement(IgnoredParameters, {
      heading: 'Some filters could not be used:',
      problems: [problem],
    }),
  )
  expect(html).toContain('role="status"')
  expect(text(html)).toContain(
    'Some filters could not be used: state : not a state (expected open, closed or all)',
  )
  expect(
    renderToStaticMarkup(createElement(IgnoredParameters, { heading: 'Ignored:', problems: [] })),
  ).toBe('')
})
