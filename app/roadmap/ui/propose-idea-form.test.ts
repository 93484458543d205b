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
      linkExample: null,
      failed: undefined,
    }),
    '/roadmap/ideas?target=mirageos-3&area=storage',
  )
  const href = /href="(\/login[^"]*)"/.exec(html)?.[1]?.replaceAll('&amp;', '&')
  expect(href).toBe(
    `/login?returnTo=${encodeURIComponent('/roadmap/ideas?target=mirageos-3&area=storage#propose-heading')}`,
  )
})

test('the links’ placeholder names a repository of this board, not MirageOS’s', async () => {
  const placeholder = async (linkExample: string | null) =>
    /placeholder="([^"]*#123[^"]*)"/.exec(
      await renderInRouter(
        createElement(ProposeIdeaForm, {
          isSignedIn: true,
          areas: [{ id: 3, name: 'Storage' }],
          areaId: 3,
          linkExample,
          failed: undefined,
        }),
      ),
    )?.[1]
  expect(await placeholder('acme-ml/core')).toBe('acme-ml/core#123, one per line')
  expect(await placeholder(null)).toBe('owner/name#123, one per line')
})
