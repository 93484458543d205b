import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { NotificationList } from './notification-list'

test('an empty inbox says what comes here, follows and one’s ideas being shortlisted included', async () => {
  const html = await renderInRouter(createElement(NotificationList, { items: [] }))
  expect(html).toContain('Nothing here yet.')
  expect(html).toContain('your ideas move, get a reply, are shortlisted or decided')
  expect(html).toContain('what you follow changes (a new idea in an area you follow, say)')
})

test('an empty inbox says what to do first, and speaks of rounds one votes in to a maintainer only', async () => {
  const newcomer = await renderInRouter(createElement(NotificationList, { items: [] }))
  expect(newcomer).toContain('href="/starter"')
  expect(newcomer).toContain('href="/roadmap/ideas"')
  expect(newcomer.replace(/<[^>]+>/g, '')).toContain(
    'Nothing here yet. Claim a starter project or follow an idea, and what happens to it comes here.',
  )
  expect(newcomer).not.toContain('rounds you vote in')
  const maintainer = await renderInRouter(
    createElement(NotificationList, { items: [], isMaintainer: true }),
  )
  expect(maintainer).toContain('rounds you vote in open or close')
})
