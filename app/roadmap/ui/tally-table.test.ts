import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'
import { tallySchulze, type Ballot } from '../schulze'

import { shortTitle, TallyTable } from './tally-table'

const titles = {
  12: 'Set up a security advisory process',
  15: 'Chart network-stack progress by gathering baseline numbers before releases',
  21: 'Unikernel docs',
}

async function renderTally() {
  const ballots: Ballot[] = [
    { 12: 1, 15: 2, 21: 3 },
    { 15: 1, 12: 2 },
  ]
  const tally = { ...tallySchulze([12, 15, 21], ballots), ballots: ballots.length }
  return renderInRouter(createElement(TallyTable, { tally, titles }))
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

test('the tally says what Support counts, with the most it can reach for this round', async () => {
  expect(text(await renderTally())).toContain(
    'Support For each other shortlisted idea, the number of ballots that rank this one strictly above it, added up (the row’s total in the first table below): with 2 ballots and 2 other ideas, at most 4. It only breaks ties.',
  )
})

test('the pairwise tables are headed by the ideas’ titles, shortened, never by bare idea numbers', async () => {
  const html = await renderTally()
  const headers = [...html.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => text(m[1]!))
  // The full order's six columns, then each matrix's three ideas.
  const matrixHeaders = headers.slice(6)
  expect(matrixHeaders).toHaveLength(6)
  expect(matrixHeaders.slice(0, 3).map((h) => h.trim())).toEqual([
    'Set up a security… Set up a security advisory process',
    'Chart network-stack… Chart network-stack progress by gathering baseline numbers before releases',
    'Unikernel docs Unikernel docs',
  ])
  expect(html).not.toMatch(/<th scope="row"[^>]*>\d+:/)
})

test('a title is cut at a word with an ellipsis, and only when too long', () => {
  expect(shortTitle('Unikernel docs')).toBe('Unikernel docs')
  expect(shortTitle('Set up a security advisory process')).toBe('Set up a security…')
  expect(shortTitle('Make improved developer tools around MirageOS')).toBe(
    'Make improved developer…',
  )
  expect(shortTitle('Supercalifragilisticexpialidocious tools')).toBe('Supercalifragilisticexpi…')
})
