import { expect } from 'vitest'

import { createFakeGitHub, type FakeGitHub } from '../fake-github/server'

import { eventually, startServer, type RunningServer } from './harness'

// The label journeys' common start: a fake GitHub with one repository, and the board running
// against it with a token, so its own sync mirrors the repository and its own label worker sends
// what a maintainer applies (the hourly intervals leave it to the kick of each action).

export async function startBoardWithFakeGitHub(
  fullName: string,
  seed: (github: FakeGitHub) => void,
): Promise<{ github: FakeGitHub; server: RunningServer }> {
  const github = await createFakeGitHub()
  github.addRepository(fullName)
  seed(github)
  const server = await startServer({
    GITHUB_API_URL: github.url,
    GITHUB_TOKEN: 'test-token',
    BOARD_REPOS: fullName,
    SYNC_INTERVAL: '1h',
    LABEL_WORKER_INTERVAL: '1h',
  })
  return { github, server }
}

/** Waits until the server's first sweep has mirrored exactly these issue titles. */
export function waitForMirror(server: RunningServer, fullName: string, titles: string[]) {
  return eventually(async () => {
    const response = await fetch(`${server.url}/api/issues?repo=${fullName}`)
    const body = (await response.json()) as { items?: { title: string }[] }
    expect(body.items?.map((item) => item.title)).toEqual(titles)
  }, 20_000)
}
