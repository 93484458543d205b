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

test('the form sends which similar ideas it listed, so those she has seen hold her proposal back no more', async () => {
  const idea = (id: number) => ({
    id,
    title: `Idea ${id}`,
    status: 'open' as const,
    area: 'Storage',
    plusOnes: 0,
    demoPlusOnes: 0,
    rank: 0.2,
  })
  const render = (similar: ReturnType<typeof idea>[]) =>
    renderInRouter(
      createElement(ProposeIdeaForm, {
        isSignedIn: true,
        areas: [{ id: 3, name: 'Storage' }],
        areaId: 3,
        linkExample: null,
        failed: {
          ok: false,
          message: 'Ideas like this one are already on the board.',
          fields: { intent: 'propose', title: 'Irmin GC', areaId: '3' },
          similar,
        },
      }),
    )
  expect(await render([idea(25), idea(27)])).toContain(
    '<input type="hidden" name="seen" value="25,27"/>',
  )
  expect(await render([])).not.toContain('name="seen"')
  // Served, before any script runs, it does not claim to list them as she types.
  expect(await render([idea(25)])).not.toContain('name="live"')
})
