import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { RoadmapNotStarted } from './roadmap-not-started'

test('the roadmap that has not started lists as many steps as it says it has', async () => {
  const html = (
    await renderInRouter(createElement(RoadmapNotStarted, { isMaintainer: true }))
  ).replaceAll('<!-- -->', '')
  const steps = /comes in (\w+) separate steps/.exec(html)?.[1]
  const listed = html.match(/<li>/g)?.length
  expect({ steps, listed }).toEqual({ steps: 'two', listed: 2 })
  // The release target comes first, before the steps.
  expect(html.indexOf('names a release target')).toBeLessThan(html.indexOf('separate steps'))
})
