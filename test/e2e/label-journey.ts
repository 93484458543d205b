import type { Page } from 'playwright-core'
import { expect } from 'vitest'

import { createFakeGitHubOAuth, type FakeGitHubOAuth } from '../fake-github/oauth'
import { createFakeGitHub, type FakeGitHub } from '../fake-github/server'

import { eventually, startServer, type RunningServer } from './harness'

// The label journeys' common start: a fake GitHub with one repository, and the board running
// against it with a token, so its own sync mirrors the repository and its own label worker sends
// what a maintainer applies (the hourly intervals leave it to the kick of each action). The
// maintainer signs in with GitHub (a fake OAuth app whose token the API fake accepts): a demo
// person's label changes are never sent to GitHub.

/** The real maintainer of the journeys: in BOARD_MAINTAINERS, and the API fake's viewer. */
export const MAINTAINER_LOGIN = 'hannesm'
const MAINTAINER_TOKEN = 'gho_maintainer'

export async function startBoardWithFakeGitHub(
  fullName: string,
  seed: (github: FakeGitHub) => void,
): Promise<{ github: FakeGitHub; server: RunningServer; oauth: FakeGitHubOAuth }> {
  const github = await createFakeGitHub({
    login: MAINTAINER_LOGIN,
    tokens: ['test-token', MAINTAINER_TOKEN],
  })
  github.addRepository(fullName)
  seed(github)
  const oauth = await createFakeGitHubOAuth({
    clientId: 'board-client',
    clientSecret: 'board-secret',
    users: [{ id: 4242, login: MAINTAINER_LOGIN, name: 'Hannes' }],
    tokenFor: () => MAINTAINER_TOKEN,
  })
  const server = await startServer({
    GITHUB_API_URL: github.url,
    GITHUB_TOKEN: 'test-token',
    GITHUB_CLIENT_ID: 'board-client',
    GITHUB_CLIENT_SECRET: 'board-secret',
    GITHUB_OAUTH_URL: oauth.url,
    SESSION_SECRET: 'a'.repeat(64),
    BOARD_MAINTAINERS: MAINTAINER_LOGIN,
    BOARD_REPOS: fullName,
    SYNC_INTERVAL: '1h',
    LABEL_WORKER_INTERVAL: '1h',
  }).catch(async (error: unknown) => {
    await Promise.all([github.close(), oauth.close()])
    throw error
  })
  return { github, server, oauth }
}

/** Signs the page in with (the fake) GitHub as the maintainer, landing on `path`. */
export async function signInAsMaintainer(page: Page, server: RunningServer, path: string) {
  await page.goto(`${server.url}/login?returnTo=${encodeURIComponent(path)}`)
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click()
  await page.waitForURL(`${server.url}${path}`)
}

/** Waits until the server's first sweep has mirrored exactly these issue titles. */
export function waitForMirror(server: RunningServer, fullName: string, titles: string[]) {
  return eventually(async () => {
    const response = await fetch(`${server.url}/api/issues?repo=${fullName}`)
    const body = (await response.json()) as { items?: { title: string }[] }
    expect(body.items?.map((item) => item.title)).toEqual(titles)
  }, 20_000)
}
