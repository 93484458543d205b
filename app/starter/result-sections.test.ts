import { expect, test } from 'vitest'

import { resultSections } from './result-sections'

type Item = ReturnType<typeof item>
const item = (title: string, fits: boolean, rated = true, isEasier = false) => ({
  title,
  fits,
  isEasier,
  languageStars: rated ? 1 : null,
  domainStars: rated ? 2 : null,
  size: rated ? 'week' : null,
})
const headed = (...args: Parameters<typeof resultSections<Item>>) =>
  resultSections(...args).map((section) => [
    `${section.heading} (${section.note})`,
    section.items.map((one) => one.title),
  ])

test('a page holding both those that fit and the rest heads each run', () => {
  expect(
    headed([item('A', true), item('B', false), item('C', false)], {
      isFirstPage: true,
      isUnratedOnly: false,
    }),
  ).toEqual([
    ['Projects for you (1 shown)', ['A']],
    ['Other projects (these don’t fit what you told us; 2 shown)', ['B', 'C']],
  ])
})

test('unrated projects among the rest are not said not to fit: nobody knows yet', () => {
  const sections = (...items: Item[]) =>
    headed(items, { isFirstPage: true, isUnratedOnly: false })[1]![0]
  expect(sections(item('A', true), item('B', false), item('U', false, false))).toBe(
    'Other projects (outside what you told us, or not rated yet; 2 shown)',
  )
  expect(sections(item('A', true), item('U', false, false))).toBe(
    'Other projects (not rated yet, so nobody knows if they fit; 1 shown)',
  )
  // Rated on both axes but of unknown size: whether it fits her time is unknown too.
  expect(sections(item('A', true), { ...item('S', false), size: null })).toBe(
    'Other projects (not rated yet, so nobody knows if they fit; 1 shown)',
  )
})

test('a later page wholly past the boundary is headed as the rest, not "for you"', () => {
  expect(headed([item('B', false)], { isFirstPage: false, isUnratedOnly: false })).toEqual([
    ['Other projects (these don’t fit what you told us; 1 shown)', ['B']],
  ])
})

test('a first page where nothing fits says none fits yet', () => {
  expect(headed([item('B', false)], { isFirstPage: true, isUnratedOnly: false })).toEqual([
    ['Other projects (none fits your background yet; 1 shown)', ['B']],
  ])
})

test('only unrated projects asked for: one list, what was asked', () => {
  expect(headed([item('U', false)], { isFirstPage: true, isUnratedOnly: true })).toEqual([
    ['Projects for you (1 shown)', ['U']],
  ])
})

test('an empty page is one empty list, for the page to say why', () => {
  expect(headed([], { isFirstPage: false, isUnratedOnly: false })).toEqual([
    ['Projects for you (none yet)', []],
  ])
})

test('after a step up, those a step up come first, then the easier ones, then the rest, each headed', () => {
  const easier = (title: string) => item(title, true, true, true)
  expect(
    headed([item('Up', true), easier('Easy'), item('B', false)], {
      isFirstPage: true,
      isUnratedOnly: false,
      stepUpFrom: 1,
    }),
  ).toEqual([
    [
      'A step up from your last project (harder than its 1★, within what you told us; 1 shown)',
      ['Up'],
    ],
    ['Easier ones (they fit you, but are no harder than your last project; 1 shown)', ['Easy']],
    ['Other projects (these don’t fit what you told us; 1 shown)', ['B']],
  ])
  // Nothing a step up fits: the easier ones say so, rather than pass for a step up.
  expect(
    headed([easier('Easy')], { isFirstPage: true, isUnratedOnly: false, stepUpFrom: 2 }),
  ).toEqual([
    [
      'Easier ones (nothing a step up fits you yet; these are no harder than your last project; 1 shown)',
      ['Easy'],
    ],
  ])
})

test('before she tells her background, those that fit the default one are the easiest, not "for you"', () => {
  const firstVisit = { isFirstPage: true, isUnratedOnly: false, isBackgroundChosen: false }
  expect(headed([item('A', true), item('U', false, false)], firstVisit)).toEqual([
    ['The easiest projects (tell us your background to see those for you; 1 shown)', ['A']],
    ['Other projects (not rated yet, so nobody knows if they fit; 1 shown)', ['U']],
  ])
  // Nothing rated fits: no "your background" she has not given.
  expect(headed([item('U', false, false)], firstVisit)).toEqual([
    ['Other projects (not rated yet, so nobody knows if they fit; 1 shown)', ['U']],
  ])
  // Only unrated ones asked for: what was asked.
  expect(headed([item('U', false)], { ...firstVisit, isUnratedOnly: true })).toEqual([
    ['Projects for you (1 shown)', ['U']],
  ])
})
