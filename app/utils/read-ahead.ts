/**
 * Yields what `source` yields, asking it for the next item as soon as one is handed out, so the
 * next item is on its way while the consumer works on this one (a sweep stores a page while
 * GitHub answers the next). Never more than one item ahead.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]()
  let next = iterator.next()
  for (;;) {
    const result = await next
    if (result.done) return
    next = iterator.next()
    // A consumer that stops early never awaits the item asked for ahead: its failure is dropped.
    next.catch(() => {})
    yield result.value
  }
}
