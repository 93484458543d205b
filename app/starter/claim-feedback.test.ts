import { expect, test } from 'vitest'

import { demoReportsNote } from './claim-feedback'

test('a count of reports says how many are demo actions, once, without repeating "report"', () => {
  expect(demoReportsNote({ reports: 3, demoReports: 0 })).toBe('')
  expect(demoReportsNote({ reports: 1, demoReports: 1 })).toBe(', a demo action')
  expect(demoReportsNote({ reports: 2, demoReports: 2 })).toBe(', both demo actions')
  expect(demoReportsNote({ reports: 4, demoReports: 4 })).toBe(', all demo actions')
  expect(demoReportsNote({ reports: 4, demoReports: 1 })).toBe(', 1 of them demo action')
  expect(demoReportsNote({ reports: 4, demoReports: 3 })).toBe(', 3 of them demo actions')
})
