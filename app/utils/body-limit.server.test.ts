import { request } from 'node:http'
import type { AddressInfo } from 'node:net'

import express from 'express'
import { afterAll, beforeAll, expect, test } from 'vitest'

import { limitRequestBodies } from './body-limit.server'

let origin: URL
let close: () => void

// A server capped at 1 KB whose every route answers with the number of bytes it read.
beforeAll(async () => {
  const app = express()
  app.use(limitRequestBodies(1024))
  app.all('*', async (req, res) => {
    let bytes = 0
    for await (const chunk of req) bytes += (chunk as Buffer).byteLength
    res.json({ bytes })
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  close = () => server.close()
})

afterAll(() => close())

/**
 * A raw request, so the test decides the headers and how much of the body is really sent; on a
 * connection of its own, as a body declared but never sent leaves its connection waiting for it.
 */
function send(path: string, headers: Record<string, string | number>, body = '') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(new URL(path, origin), { method: 'POST', headers, agent: false }, (res) => {
      let text = ''
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

test('a body within the limit reaches the route whole', async () => {
  const body = 'x'.repeat(1024)
  const response = await send('/sync', { 'Content-Length': body.length }, body)
  expect(response).toEqual({ status: 200, body: JSON.stringify({ bytes: 1024 }) })
})

test('a body declared larger than the limit is refused with 413 before it is read', async () => {
  // Only the headers go out: the answer must not wait for a body that never comes.
  const response = await send('/sync', { 'Content-Length': 2 * 1024 * 1024 })
  expect(response).toEqual({
    status: 413,
    body: 'The request body is too large: the limit is 1 KB.',
  })
})

test('a body streamed without a length is refused with 411', async () => {
  const response = await send('/sync', { 'Transfer-Encoding': 'chunked' }, 'x'.repeat(10))
  expect(response).toEqual({
    status: 411,
    body: 'A request body needs a Content-Length header.',
  })
})

test('GitHub webhook deliveries keep their own, larger limit', async () => {
  const body = 'x'.repeat(4096)
  for (const path of ['/webhooks/github', '/webhooks/github/', '/Webhooks/GitHub']) {
    const response = await send(path, { 'Content-Length': body.length }, body)
    expect(response).toEqual({ status: 200, body: JSON.stringify({ bytes: 4096 }) })
  }
})

test('requests without a body pass', async () => {
  const response = await fetch(new URL('/issues', origin))
  expect(await response.json()).toEqual({ bytes: 0 })
})
