import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { ProposeIdeaForm } from './propose-idea-form'

test('signed out, "Sign in" comes back to the area being browsed and to the form', async () => {
  const html = await renderInRouter(
    createElement(ProposeIdeaForm, {
      isSignedIn: false,
      areas: [{ id: 3, name: 'Storage' }],
      areaId: 3,
      failed: undefined,
    }),
    '/roadmap/ideas?target=mirageos-3&area=storage',
  )
  const href = /href="(\/login[^"]*)"/.exec(html)?.[1]?.replaceAll('&amp;', '&')
  expect(href).toBe(
    `/login?returnTo=${encodeURIComponent('/roadmap/ideas?target=mirageos-3&area=storage#propose-heading')}`,
  )
})
