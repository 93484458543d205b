import { createHash } from 'node:crypto'
import type { OutgoingHttpHeaders } from 'node:http'

import type express from 'express'

// Anonymous pages are the same for everyone, so the server renders each one once per state of
// the data and answers everyone else from that copy: with a 304 when the browser already holds
// it (ETag), in full otherwise. What makes a response personal, and so never stored, shared or
// cached anywhere (`Cache-Control: private, no-store`): a request that carries a cookie or
// credentials, a method other than GET, or a response that sets a cookie. Only complete 200s are
// stored.
//
// A stored page is served while the data it was made from is unchanged (`dataVersion`: the
// database's snapshot, which moves with every write transaction, from this process or any other)
// and for at most `maxAgeMs`, which bounds text that depends on the clock ("3 minutes ago").
// Requests for a page being rendered wait for that render rather than starting their own.

export type PageCacheOptions = {
  /** Equal strings mean nothing a page shows has changed; a failure bypasses the cache. */
  dataVersion: () => Promise<string>
  maxAgeMs?: number
  /** Seconds shared caches (a CDN, a proxy) may keep an anonymous page (s-maxage). */
  sharedMaxAgeSeconds?: number
  maxEntries?: number
  maxTotalBytes?: number
  now?: () => number
}

type StoredPage = {
  version: string
  storedAt: number
  headers: OutgoingHttpHeaders
  body: Buffer
  /** The body cut where the CSP nonce was: each response puts its own nonce between the parts. */
  parts: Buffer[]
  etag: string
}

const PERSONAL = 'private, no-store'

/** True when the request says who is asking: its answer belongs to that person alone. */
function isPersonalRequest(req: express.Request) {
  return Boolean(req.headers.cookie || req.headers.authorization)
}

/** `If-None-Match` lists the ETag (or is `*`). */
function matches(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*')
}

function addVaryCookie(res: express.Response) {
  const vary = String(res.getHeader('Vary') ?? '')
  if (!/\bcookie\b/i.test(vary)) res.setHeader('Vary', vary ? `${vary}, Cookie` : 'Cookie')
}

/**
 * Marks the response personal unless the route chose its own Cache-Control, and whatever it
 * chose if it sets a cookie: checked as the headers go out.
 */
function keepPersonal(res: express.Response, personal: boolean) {
  const writeHead = res.writeHead
  res.writeHead = function (this: express.Response, ...args: unknown[]) {
    if (res.getHeader('Set-Cookie')) {
      res.setHeader('Cache-Control', PERSONAL)
      res.removeHeader('ETag')
    } else if (personal && !res.getHeader('Cache-Control')) {
      res.setHeader('Cache-Control', PERSONAL)
    }
    addVaryCookie(res)
    return (writeHead as (...a: unknown[]) => express.Response).apply(this, args)
  } as typeof res.writeHead
}

function nonceOf(res: express.Response): string | null {
  const nonce: unknown = res.locals.cspNonce
  return typeof nonce === 'string' && nonce ? nonce : null
}

/** The page's identity: its bytes without the per-response CSP nonce. */
function etagOf(body: Buffer, nonce: string | null) {
  const text = body.toString('latin1')
  const stable = nonce ? text.split(nonce).join('') : text
  return `"${createHash('sha256').update(stable, 'latin1').digest('base64url').slice(0, 27)}"`
}

/**
 * The stored page with this response's nonce in place of the stored one, so that every response
 * still gets its own (docs/decisions/004-security-headers.md) and matches its own CSP header.
 */
function withNonce(entry: StoredPage, nonce: string | null) {
  if (entry.parts.length === 1 || !nonce) return entry.body
  const filler = Buffer.from(nonce, 'latin1')
  return Buffer.concat(
    entry.parts.flatMap((part, index) => (index === 0 ? [part] : [filler, part])),
  )
}

/** The body cut at every occurrence of the nonce (one part when there is none). */
function cutAt(body: Buffer, nonce: string | null) {
  if (!nonce) return [body]
  const parts: Buffer[] = []
  let start = 0
  for (
    let at = body.indexOf(nonce, 0, 'latin1');
    at !== -1;
    at = body.indexOf(nonce, start, 'latin1')
  ) {
    parts.push(body.subarray(start, at))
    start = at + nonce.length
  }
  parts.push(body.subarray(start))
  return parts
}

export function pageCache(options: PageCacheOptions): express.RequestHandler {
  const maxAgeMs = options.maxAgeMs ?? 10_000
  const sharedMaxAge = options.sharedMaxAgeSeconds ?? 5
  const maxEntries = options.maxEntries ?? 500
  const maxTotalBytes = options.maxTotalBytes ?? 32 * 1024 * 1024
  const now = options.now ?? Date.now
  const publicCacheControl = `public, max-age=0, s-maxage=${sharedMaxAge}`
  // Insertion order is recency order: a hit moves its entry to the end.
  const stored = new Map<string, StoredPage>()
  let storedBytes = 0
  const rendering = new Map<string, Promise<StoredPage | null>>()

  const forget = (key: string) => {
    const entry = stored.get(key)
    if (!entry) return
    stored.delete(key)
    storedBytes -= entry.body.length
  }
  const remember = (key: string, entry: StoredPage) => {
    forget(key)
    if (entry.body.length > maxTotalBytes / 4) return
    stored.set(key, entry)
    storedBytes += entry.body.length
    for (const oldest of stored.keys()) {
      if (stored.size <= maxEntries && storedBytes <= maxTotalBytes) break
      forget(oldest)
    }
  }

  const send = (req: express.Request, res: express.Response, entry: StoredPage) => {
    if (matches(req.headers['if-none-match'], entry.etag)) {
      // The browser keeps the page it holds and that page's own Content-Security-Policy (its
      // nonce is in the page): a 304 must not replace it with this response's.
      res.removeHeader('Content-Security-Policy')
      res.setHeader('ETag', entry.etag)
      res.setHeader('Cache-Control', publicCacheControl)
      res.setHeader('Vary', 'Cookie')
      res.status(304).end()
      return
    }
    for (const [name, value] of Object.entries(entry.headers)) {
      // This response's own Content-Security-Policy (its nonce) stays.
      if (value !== undefined && name !== 'content-security-policy') res.setHeader(name, value)
    }
    res.status(200).end(withNonce(entry, nonceOf(res)))
  }

  return async (req, res, next) => {
    const personal = isPersonalRequest(req)
    if (personal || req.method !== 'GET') {
      keepPersonal(res, personal || req.method !== 'HEAD')
      next()
      return
    }
    let version: string
    try {
      version = await options.dataVersion()
    } catch {
      // No database answer: the page itself will say so (503), uncached.
      keepPersonal(res, true)
      next()
      return
    }
    const key = req.originalUrl
    const fresh = (entry: StoredPage | null | undefined): entry is StoredPage =>
      Boolean(entry && entry.version === version && now() - entry.storedAt <= maxAgeMs)

    const known = stored.get(key)
    if (fresh(known)) {
      stored.delete(key)
      stored.set(key, known)
      send(req, res, known)
      return
    }
    const renderKey = `${version}\n${key}`
    const inFlight = rendering.get(renderKey)
    if (inFlight) {
      const entry = await inFlight
      if (fresh(entry)) {
        send(req, res, entry)
        return
      }
    }

    // This request renders the page; its answer is held until complete, then stored.
    let settle: (entry: StoredPage | null) => void = () => {}
    if (!inFlight) {
      rendering.set(
        renderKey,
        new Promise((resolve) => {
          settle = (entry) => {
            rendering.delete(renderKey)
            settle = () => {}
            resolve(entry)
          }
        }),
      )
    }
    res.once('close', () => settle(null))
    keepPersonal(res, false)
    const chunks: Buffer[] = []
    const write = res.write.bind(res)
    const end = res.end.bind(res)
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : typeof chunk === 'string'
            ? Buffer.from(
                chunk,
                typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
              )
            : Buffer.from(chunk as Uint8Array),
      )
    }
    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      collect(chunk, encoding)
      const done = typeof encoding === 'function' ? encoding : callback
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)())
      return true
    }) as typeof res.write
    res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      collect(chunk, encoding)
      res.write = write
      res.end = end
      const body = Buffer.concat(chunks)
      const cacheControl = String(res.getHeader('Cache-Control') ?? '')
      const storable =
        res.statusCode === 200 &&
        !res.getHeader('Set-Cookie') &&
        !/no-store|private|no-cache/i.test(cacheControl)
      if (!storable) {
        settle(null)
        return end(body)
      }
      const nonce = nonceOf(res)
      const etag = etagOf(body, nonce)
      res.setHeader('ETag', etag)
      if (!cacheControl) res.setHeader('Cache-Control', publicCacheControl)
      addVaryCookie(res)
      const entry: StoredPage = {
        version,
        storedAt: now(),
        headers: { ...res.getHeaders() },
        body,
        parts: cutAt(body, nonce),
        etag,
      }
      remember(key, entry)
      settle(entry)
      if (matches(req.headers['if-none-match'], etag)) {
        res.removeHeader('Content-Security-Policy')
        res.removeHeader('Content-Type')
        res.statusCode = 304
        return end()
      }
      res.setHeader('Content-Length', body.length)
      const done = typeof encoding === 'function' ? encoding : callback
      return end(body, done as () => void)
    }) as typeof res.end
    next()
  }
}
