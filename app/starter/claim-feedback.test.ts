import { expect, test } from 'vitest'

import { demoReportsNote, finishedTimeText } from './claim-feedback'

test('a count of reports says how many are demo actions, once, without repeating "report"', () => {
  expect(demoReportsNote({ reports: 3, demoReports: 0 })).toBe('')
  expect(demoReportsNote({ reports: 1, demoReports: 1 })).toBe(', a demo action')
  expect(demoReportsNote({ reports: 2, demoReports: 2 })).toBe(', both demo actions')
  expect(demoReportsNote({ reports: 4, demoReports: 4 })).toBe(', all demo actions')
  expect(demoReportsNote({ reports: 4, demoReports: 1 })).toBe(', 1 of them demo action')
  expect(demoReportsNote({ reports: 4, demoReports: 3 })).toBe(', 3 of them demo actions')
})

test('the time those who finished took is said with its reports, demo ones named; none, nothing', () => {
  expect(finishedTimeText({ typical: null, reports: 0, demoReports: 0 })).toBeNull()
  expect(finishedTimeText(null)).toBeNull()
  expect(finishedTimeText({ typical: 'week', reports: 1, demoReports: 0 })).toBe(
    'finished in about a week (1 report)',
  )
  expect(finishedTimeText({ typical: 'longer', reports: 3, demoReports: 0 })).toBe(
    'finished in more than a month (3 reports)',
  )
  // Resting on demo reports alone, the figure says so; on some, how many.
  expect(finishedTimeText({ typical: 'month', reports: 1, demoReports: 1 })).toBe(
    'finished in about a month (1 demo report)',
  )
  expect(finishedTimeText({ typical: 'day', reports: 2, demoReports: 2 })).toBe(
    'finished in about a day (2 demo reports)',
  )
  expect(finishedTimeText({ typical: 'day', reports: 3, demoReports: 1 })).toBe(
    'finished in about a day (3 reports, 1 demo)',
  )
})
