import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'
import { DEFAULT_BACKGROUND, DEFAULT_FILTERS, DEFAULT_FINDER_LIMIT } from '../finder'

import { FinderForm } from './finder-form'

const form = (filters = DEFAULT_FILTERS) =>
  renderInRouter(
    createElement(FinderForm, {
      domains: ['networking', 'storage'],
      languageName: 'OCaml',
      background: DEFAULT_BACKGROUND,
      filters,
      pageSize: DEFAULT_FINDER_LIMIT,
      isOpen: true,
    }),
  )

/** The "More filters" disclosure: its opening tag's attributes and what it holds. */
function moreFilters(html: string) {
  const match =
    /<details([^>]*)><summary[^>]*><span[^>]*>More filters<\/span>([\s\S]*?)<\/details>/.exec(html)
  if (!match) throw new Error('no “More filters” disclosure')
  return { attributes: match[1]!, inside: match[2]! }
}

test('on a first visit the filters are folded: “Find projects” follows her background, not ten controls', async () => {
  const html = await form()
  const { attributes, inside } = moreFilters(html)
  expect(attributes).not.toMatch(/\bopen\b/)
  expect(inside).toContain('name="q"')
  expect(inside).toContain('name="repo"')
  // The results' notes tell her to tick it: it stays in sight, with her background.
  expect(inside).not.toContain('Show projects above my level')
  expect(html.indexOf('Show projects above my level')).toBeLessThan(html.indexOf('More filters'))
  expect(html.indexOf('More filters')).toBeLessThan(html.indexOf('Find projects'))
})

test('a filter set shows the filters unfolded, so she sees what narrows the list', async () => {
  for (const filters of [
    { ...DEFAULT_FILTERS, q: 'dns' },
    { ...DEFAULT_FILTERS, repo: 'mirage/mirage' },
    { ...DEFAULT_FILTERS, size: 'week' as const },
    { ...DEFAULT_FILTERS, unclaimedOnly: true },
  ]) {
    expect(moreFilters(await form(filters)).attributes).toMatch(/\bopen\b/)
  }
  // Lifting the level limit is part of her background, not a folded filter.
  const above = await form({ ...DEFAULT_FILTERS, showAboveLevel: true })
  expect(moreFilters(above).attributes).not.toMatch(/\bopen\b/)
})
