import { expect, test } from 'vitest'

import { readAhead } from './read-ahead'

/** An async iterable over `items` that logs each time it is asked for the next one. */
function recordingSource(items: string[], failAt?: number) {
  const log: string[] = []
  const source: AsyncIterable<string> = {
    [Symbol.asyncIterator]() {
      let index = 0
      return {
        async next() {
          const at = index++
          log.push(`ask ${at}`)
          await Promise.resolve()
          if (at === failAt) throw new Error(`item ${at} failed`)
          if (at >= items.length) return { done: true, value: undefined }
          return { done: false, value: items[at]! }
        },
      }
    },
  }
  return { source, log }
}

test('the next item is asked for before the consumer works on the current one', async () => {
  const { source, log } = recordingSource(['a', 'b', 'c'])
  for await (const item of readAhead(source)) log.push(`work ${item}`)
  expect(log).toEqual(['ask 0', 'ask 1', 'work a', 'ask 2', 'work b', 'ask 3', 'work c'])
})

test('never more than one item ahead: a slow consumer does not make it ask further', async () => {
  const { source, log } = recordingSource(['a', 'b', 'c', 'd'])
  const iterator = readAhead(source)
  await iterator.next()
  // However long the consumer takes with 'a', only 'b' is on its way.
  for (let turn = 0; turn < 10; turn++) await Promise.resolve()
  expect(log).toEqual(['ask 0', 'ask 1'])
})

test('a failure reaches the consumer after the items before it, in order', async () => {
  const { source } = recordingSource(['a', 'b', 'c'], 2)
  const seen: string[] = []
  await expect(async () => {
    for await (const item of readAhead(source)) seen.push(item)
  }).rejects.toThrow('item 2 failed')
  expect(seen).toEqual(['a', 'b'])
})

test('a consumer that stops early leaves no unhandled failure behind', async () => {
  const { source } = recordingSource(['a', 'b'], 1)
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)
  process.on('unhandledRejection', onUnhandled)
  try {
    for await (const item of readAhead(source)) {
      expect(item).toBe('a')
      break
    }
    await new Promise((resolve) => setImmediate(resolve))
    expect(unhandled).toEqual([])
  } finally {
    process.off('unhandledRejection', onUnhandled)
  }
})
