import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { EffortOwnersForm, suggestionLabel } from './effort-owners-form'

const suggestions = [
  { login: 'hannes', name: 'Hannes', isDemo: false, worksInArea: true, isMaintainer: true },
  { login: 'demo-maintainer', name: null, isDemo: true, worksInArea: false, isMaintainer: true },
  { login: 'zed', name: null, isDemo: false, worksInArea: false, isMaintainer: false },
]

test('each suggestion says who she is and why she is offered; a demo person is named as one', () => {
  expect(suggestions.map(suggestionLabel)).toEqual([
    'Hannes: works on this area’s issues, maintainer',
    'Dana (demo maintainer): maintainer',
    'zed',
  ])
})

test('one box per owner, two spare, each offering the board’s people; no script needed', async () => {
  const html = await renderInRouter(
    createElement(EffortOwnersForm, { owners: ['hannes'], suggestions, refused: null }),
  )
  expect(html.match(/<input[^>]*name="owners"/g)).toHaveLength(3)
  expect(html.match(/list="owner-suggestions"/g)).toHaveLength(3)
  expect(html).toContain('value="hannes"')
  expect(html).toContain('<datalist id="owner-suggestions">')
  expect(html).toContain('<option value="zed">zed</option>')
  expect(html).not.toContain('aria-invalid')
})

test('a refused list comes back as typed, the refused boxes marked', async () => {
  const html = await renderInRouter(
    createElement(EffortOwnersForm, {
      owners: [],
      suggestions,
      refused: { typed: 'hannes, foo!bar', logins: ['foo!bar'] },
    }),
  )
  const boxes = html.match(/<input[^>]*>/g) ?? []
  expect(boxes).toHaveLength(4)
  expect(boxes.filter((box) => box.includes('aria-invalid="true"'))).toEqual([
    expect.stringContaining('value="foo!bar"'),
  ])
})
