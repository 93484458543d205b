import { expect, test } from 'vitest'

import { keepRetryAfter, Refusal, refusalInit } from './refusal'

const headersOf = (init: ResponseInit) => new Headers(init.headers)

test("a refusal's answer carries its status, and a Retry-After only when it says when to retry", () => {
  expect(refusalInit(new Refusal('Bad date.'))).toEqual({ status: 400 })
  const spent = refusalInit(new Refusal('Try again in 5 minutes.', 429, undefined, 300))
  expect(spent.status).toBe(429)
  expect(headersOf(spent).get('Retry-After')).toBe('300')
})

test("a page answering a spent budget passes on the action's or the error's Retry-After, and the parent's headers", () => {
  const parentHeaders = new Headers({ 'X-Parent': 'kept' })
  const none = new Headers()
  const retry = new Headers({ 'Retry-After': '120' })
  const page = (actionHeaders: Headers, errorHeaders?: Headers) =>
    new Headers(keepRetryAfter({ parentHeaders, loaderHeaders: none, actionHeaders, errorHeaders }))
  expect(page(retry).get('Retry-After')).toBe('120')
  expect(page(none, retry).get('Retry-After')).toBe('120')
  expect(page(none).get('Retry-After')).toBeNull()
  expect(page(none).get('X-Parent')).toBe('kept')
})
