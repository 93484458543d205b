import type { AddressInfo } from 'node:net'

import express from 'express'
import { afterAll, beforeAll, expect, test } from 'vitest'

import { refuseMalformedPaths } from './malformed-path.server'

let origin: string
let close: () => void

// As scripts/start.ts mounts Remix: a catch-all route (Express decodes its parameter), then an
// error handler that answers whatever reaches it with 500.
beforeAll(async () => {
  const app = express()
  app.use(refuseMalformedPaths())
  app.all('*', (req, res) => {
    res.json({ path: (req.params as Record<string, string>)[0] })
  })
  app.use(((_error, _req, res, _next) => {
    res.status(500).send('Something went wrong on our side.')
  }) satisfies express.ErrorRequestHandler)
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => server.close()
})

afterAll(() => close())

test('a path with a broken %-escape is refused with 400 and a reason, not a 500', async () => {
  for (const path of ['/starter/%E0%A4%A', '/starter/%', '/%zz', '/issues/%C3']) {
    const response = await fetch(`${origin}${path}`)
    expect(response.status, path).toBe(400)
    expect(await response.text(), path).toMatch(/address is malformed/)
  }
})

test('well-formed escapes and a malformed query string still reach the routes', async () => {
  const escaped = await fetch(`${origin}/starter/caf%C3%A9?q=%E0%A4%A`)
  expect(escaped.status).toBe(200)
  expect(await escaped.json()).toEqual({ path: '/starter/café' })
})
