import { expect, test } from 'vitest'

// test/setup-database.ts turns the event loop after each test: without it a worker whose tests
// do no I/O (PGlite answers in-process) never reads Vitest's replies, which time out after 60 s
// on a busy machine and fail the run.

let hasTurned = false

test('a test schedules work for the next turn of the event loop, and does no I/O', async () => {
  setImmediate(() => {
    hasTurned = true
  })
  for (let i = 0; i < 1_000; i++) await Promise.resolve()
  expect(hasTurned).toBe(false)
})

test('the next test starts after that turn', () => {
  expect(hasTurned).toBe(true)
})
