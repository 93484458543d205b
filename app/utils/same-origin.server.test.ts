import { expect, test } from 'vitest'

import { isCrossSiteWrite } from './same-origin.server'

const base = {
  method: 'POST',
  path: '/sync',
  origin: undefined,
  secFetchSite: undefined,
  allowedOrigins: ['http://localhost:3000'],
}

test.each([
  ['a GET from anywhere', { method: 'GET', secFetchSite: 'cross-site' }, false],
  [
    'a same-origin form post',
    { secFetchSite: 'same-origin', origin: 'http://localhost:3000' },
    false,
  ],
  [
    'a post from another site',
    { secFetchSite: 'cross-site', origin: 'https://evil.example' },
    true,
  ],
  ['a post from a sibling subdomain', { secFetchSite: 'same-site' }, true],
  ['a post from an old browser with our Origin', { origin: 'http://localhost:3000' }, false],
  ['a post from an old browser with another Origin', { origin: 'https://evil.example' }, true],
  ['a post from a sandboxed frame (Origin: null)', { origin: 'null' }, true],
  ['a post that says nothing about where it comes from', {}, true],
  ['a GitHub webhook delivery', { path: '/webhooks/github' }, false],
])('%s', (_, facts, refused) => {
  expect(isCrossSiteWrite({ ...base, ...facts })).toBe(refused)
})
