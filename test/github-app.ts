import { generateKeyPairSync } from 'node:crypto'

import type { FakeGitHub } from './fake-github/server'

// A GitHub App for tests: a fresh RSA key pair per test process (node:crypto), registered with
// the fake GitHub, and the credentials the board is given for it.

export const APP_ID = '424242'

export const appKeys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
})

export const appCredentials = { appId: APP_ID, privateKey: appKeys.privateKey }

/** Registers the app with the fake and installs it on each account with its repositories. */
export function installApp(github: FakeGitHub, installations: Record<string, string[]>) {
  github.app.register({ id: Number(APP_ID), publicKey: appKeys.publicKey })
  return Object.fromEntries(
    Object.entries(installations).map(([account, repositories]) => {
      for (const name of repositories) {
        if (!github.repository(name)) github.addRepository(name)
      }
      return [account, github.app.install(account, repositories)]
    }),
  )
}
