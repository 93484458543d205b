import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import type { FakeGitHubOAuth } from '../fake-github/oauth'
import type { FakeGitHub } from '../fake-github/server'

import { eventually, hasChromium, launchBrowser, type RunningServer } from './harness'
import { signInAsMaintainer, startBoardWithFakeGitHub, waitForMirror } from './label-journey'

// A maintainer gives a repository its own label names: previews, sees a bad name refused, saves,
// and the server's worker renames the label on (the fake) GitHub with one PATCH.

describe.skipIf(!hasChromium())('label scheme: a maintainer in Chromium', () => {
  let github: FakeGitHub
  let oauth: FakeGitHubOAuth
  let server: RunningServer
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ github, server, oauth } = await startBoardWithFakeGitHub('acme/net', (fake) => {
      fake.addLabel('acme/net', 'E-easy')
      fake.addLabel('acme/net', 'good first issue')
      fake.addIssue('acme/net', { title: 'Parse options', labels: ['bug', 'lang/1★'] })
    }))
    browser = await launchBrowser()
    page = await browser.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await github?.close()
    await oauth?.close()
  })

  test('previews, refuses a bad name, saves, and the label is renamed on GitHub', async () => {
    await waitForMirror(server, 'acme/net', ['Parse options'])
    await signInAsMaintainer(page, server, '/labels/scheme')
    await page.waitForLoadState('networkidle')

    await page.getByLabel('Repository').selectOption('acme/net')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL(/repo=acme%2Fnet/)
    const language1 = page.getByLabel('OCaml difficulty 1★', { exact: true })
    await eventually(async () => expect(await language1.count()).toBe(1))

    // A name GitHub would refuse: a message by the field, nothing saved.
    await language1.fill('x'.repeat(51))
    await page.getByRole('button', { name: 'Preview' }).click()
    await eventually(async () =>
      expect(await page.locator('#label-language\\:1-errors').textContent()).toMatch(
        /51 characters long; GitHub allows 50/,
      ),
    )
    expect(await page.getByRole('button', { name: 'Save and queue renames' }).count()).toBe(0)

    await language1.fill('easy')
    await page.getByLabel('OCaml difficulty 2★', { exact: true }).fill('E-easy')
    await page.getByRole('button', { name: 'Preview' }).click()
    const preview = page.getByRole('region', { name: 'What saving does' })
    await eventually(async () =>
      expect(await preview.textContent()).toMatch(/“lang\/1★” → “easy” — Renamed on GitHub/),
    )
    expect(await preview.textContent()).toMatch(/“lang\/2★” → “E-easy” — The repository’s existing/)
    github.clearLog()

    await page.getByRole('button', { name: 'Save and queue renames' }).click()
    await eventually(async () =>
      expect(await page.getByRole('status').first().textContent()).toMatch(
        /Saved the label names of acme\/net: 1 rename queued/,
      ),
    )
    await eventually(
      async () => expect(github.issue('acme/net', 1)!.labels).toEqual(['bug', 'easy']),
      10_000,
    )
    const writes = github.requestLog.filter((entry) => entry.method !== 'GET')
    expect(writes.map((entry) => [entry.method, entry.body])).toEqual([
      ['PATCH', { new_name: 'easy' }],
    ])
    expect(github.clobberingCalls).toEqual([])
  })

  test('the repository’s own newcomer label is offered for starter projects and adopted', async () => {
    await page.goto(`${server.url}/labels/scheme?repo=acme%2Fnet`)
    await page.waitForLoadState('networkidle')
    await page.getByRole('button', { name: 'Use “good first issue”' }).click()
    expect(await page.getByLabel('starter project', { exact: true }).inputValue()).toBe(
      'good first issue',
    )
    await page.getByRole('button', { name: 'Preview' }).click()
    const preview = page.getByRole('region', { name: 'What saving does' })
    await eventually(async () =>
      expect(await preview.textContent()).toMatch(
        /“starter” → “good first issue” — The repository’s existing label is adopted/,
      ),
    )
  })
})
