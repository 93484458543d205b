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

test('a refused suggestion keeps the chosen area and the typed name, and marks both fields', async () => {
  const message = 'Choose an existing area or type a new name, not both.'
  const html = await renderInRouter(
    createElement(IdeaAreaSection, {
      idea: { area_id: 1, area_name: 'Storage', suggestions: [] },
      areas: [
        { id: 1, name: 'Storage' },
        { id: 2, name: 'Security' },
      ],
      isSignedIn: true,
      failed: {
        ok: false,
        message,
        fields: { intent: 'suggest-area', areaId: '2', areaName: 'Networking' },
        fieldErrors: { areaId: message, areaName: message },
      },
    }),
  )
  expect(html).toMatch(/<option value="2" selected="">Security<\/option>/)
  expect(html).toMatch(/<input name="areaName"[^>]*value="Networking"/)
  expect(html.match(/aria-invalid="true"/g)).toHaveLength(2)
  expect(html).toContain(
    `<p id="area-suggestion-error" class="mt-1 text-sm text-red-700">${message}</p>`,
  )
})
