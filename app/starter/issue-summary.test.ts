import { expect, test } from 'vitest'

import { firstParagraph, summaryFromIssue } from './issue-summary'

test('the first paragraph is the first block of text, its markdown kept', () => {
  expect(firstParagraph('Add `CAA` records.\nSee RFC 8659.\n\nSecond paragraph.')).toBe(
    'Add `CAA` records.\nSee RFC 8659.',
  )
})

test('template comments, headings and rules before it are skipped', () => {
  const body =
    '<!-- Please describe the bug -->\r\n### Description\r\n\r\n---\r\n\r\nThe TCP stack drops SACK options.\r\n\r\n### Steps'
  expect(firstParagraph(body)).toBe('The TCP stack drops SACK options.')
})

test('an empty body, or one with only headings, has no paragraph', () => {
  expect(firstParagraph(null)).toBe('')
  expect(firstParagraph('   \n\n')).toBe('')
  expect(firstParagraph('## Title only\n<!-- nothing -->')).toBe('')
})

test('a very long paragraph is cut with an ellipsis', () => {
  const paragraph = firstParagraph('word '.repeat(1000))
  expect(paragraph.length).toBe(2000)
  expect(paragraph.endsWith('…')).toBe(true)
})

test('the summary is the paragraph, then a link to the issue', () => {
  const issue = {
    repo: 'mirage/mirage',
    number: 4,
    html_url: 'https://github.com/mirage/mirage/issues/4',
  }
  expect(summaryFromIssue({ ...issue, body: 'Fix the flag.\n\nMore.' })).toBe(
    'Fix the flag.\n\nFrom [mirage/mirage#4](https://github.com/mirage/mirage/issues/4).',
  )
  expect(summaryFromIssue({ ...issue, body: null })).toBe(
    'From [mirage/mirage#4](https://github.com/mirage/mirage/issues/4).',
  )
})
