import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { IdeaAreaSection } from './idea-area-section'

test('the new-area choice names the field to type in, not an arrow a phone’s layout breaks', async () => {
  const html = await renderInRouter(
    createElement(IdeaAreaSection, {
      idea: { area_id: 1, area_name: 'Storage', suggestions: [] },
      areas: [
        { id: 1, name: 'Storage' },
        { id: 2, name: 'Security' },
      ],
      isSignedIn: true,
    }),
  )
  const newAreaOption = /<option value=""[^>]*>([^<]*)<\/option>/.exec(html)?.[1]
  expect(newAreaOption).toBe('(a new area: type it in “New area name”)')
  expect(html).toContain('New area name')
  expect(html).not.toContain('→')
})
