import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { DemoBadge } from '~/components/demo-badge'

import { StatusBadge } from './status-badge'

const colourClasses = (html: string) =>
  new Set(
    (/class="([^"]*)"/.exec(html)?.[1] ?? '')
      .split(/\s+/)
      .filter((name) => /^(bg|text|ring|border)-[a-z]+-\d+$/.test(name)),
  )

test('the “claimed” badge shares no colour with the demo badge, so neither passes for the other', () => {
  const claimed = colourClasses(
    renderToStaticMarkup(createElement(StatusBadge, { status: 'claimed' })),
  )
  const demo = colourClasses(
    renderToStaticMarkup(createElement(DemoBadge, { children: 'demo claim' })),
  )
  expect(claimed.size).toBeGreaterThan(0)
  expect([...claimed].filter((name) => demo.has(name))).toEqual([])
  expect([...claimed].some((name) => name.includes('amber'))).toBe(false)
})
