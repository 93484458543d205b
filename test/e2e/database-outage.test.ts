import { createConnection, createServer, type Server, type Socket } from 'node:net'

import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { freePort, startServer, type RunningServer } from './harness'

// A TCP proxy between the server and PostgreSQL that the test can cut and restore, to play a
// database that becomes unreachable while the board is serving.
async function startProxy(target: URL) {
  const port = await freePort()
  const sockets = new Set<Socket>()
  let server: Server | null = null
  const listen = () =>
    new Promise<void>((resolve) => {
      if (server?.listening) return resolve()
      server = createServer((client) => {
        const upstream = createConnection(Number(target.port || 5432), target.hostname)
        for (const socket of [client, upstream]) {
          sockets.add(socket)
          socket.on('close', () => sockets.delete(socket))
          socket.on('error', () => {})
        }
        client.pipe(upstream).pipe(client)
      })
      server.listen(port, '127.0.0.1', resolve)
    })
  await listen()
  return {
    port,
    cut: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server?.close(resolve))
    },
    restore: listen,
  }
}

// Only a networked PostgreSQL can become unreachable; the embedded database cannot.
describe.skipIf(!process.env.DATABASE_URL)('when PostgreSQL becomes unreachable', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>
  let server: RunningServer

  beforeAll(async () => {
    const target = new URL(process.env.DATABASE_URL!)
    proxy = await startProxy(target)
    server = await startServer(
      { DATABASE_POOL_SIZE: '2' },
      {
        routeDatabaseUrl: (url) => {
          const viaProxy = new URL(url)
          viaProxy.hostname = '127.0.0.1'
          viaProxy.port = String(proxy.port)
          return viaProxy
        },
      },
    )
  })

  afterAll(async () => {
    await proxy?.restore().catch(() => {})
    await server?.stop()
  })

  test('pages answer 503 with a plain message, the API and health check 503, and it recovers', async () => {
    expect((await fetch(`${server.url}/issues`)).status).toBe(200)
    await proxy.cut()

    const page = await fetch(`${server.url}/issues`).catch((error) => {
      throw new Error(server.output(), { cause: error })
    })
    expect(page.status).toBe(503)
    const html = await page.text()
    expect(html).toContain('temporarily unavailable')
    expect(html).not.toMatch(/ECONNREFUSED|at .+\.(ts|js):\d+/)

    const api = await fetch(`${server.url}/api/issues`)
    expect(api.status).toBe(503)
    expect((await api.json()).error.message).toMatch(/database cannot be reached/)

    expect((await fetch(`${server.url}/healthz`)).status).toBe(503)

    await proxy.restore()
    let recovered = 0
    for (let attempt = 0; attempt < 50 && recovered !== 200; attempt++) {
      recovered = (await fetch(`${server.url}/issues`)).status
      if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(recovered).toBe(200)
  })
})
