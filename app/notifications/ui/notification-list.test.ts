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
