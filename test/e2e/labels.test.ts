import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import type { FakeGitHubOAuth } from '../fake-github/oauth'
import type { FakeGitHub } from '../fake-github/server'

import { eventually, hasChromium, launchBrowser, type RunningServer } from './harness'
import {
  MAINTAINER_LOGIN,
  signInAsMaintainer,
  startBoardWithFakeGitHub,
  waitForMirror,
} from './label-journey'

// Issue 8's journey: a maintainer (signed in with GitHub) tags a starter project on a mirrored issue, reviews the label
// plan, applies it, and the labels arrive on (the fake) GitHub and in the audit log. The server
// runs with a token, so its own label worker sends the changes, one write a second.

const ISSUE_TITLE = 'Support IPv6 neighbour discovery'
const PLANNED = ['starter', 'domain/networking', 'lang/1★', 'domain-level/1★', 'size/week']

describe.skipIf(!hasChromium())('label write-back: a maintainer in Chromium', () => {
  let github: FakeGitHub
  let oauth: FakeGitHubOAuth
  let server: RunningServer
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ github, server, oauth } = await startBoardWithFakeGitHub('acme/net', (fake) => {
      fake.addIssue('acme/net', { title: ISSUE_TITLE, labels: ['bug'] })
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

  test('tags a project, reviews the plan, applies it and sees the labels on GitHub and in the log', async () => {
    // The server's first sweep mirrors the issue.
    await waitForMirror(server, 'acme/net', [ISSUE_TITLE])

    await signInAsMaintainer(page, server, '/starter/new')

    // 1. Tag a starter project on the mirrored issue.
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('IPv6 neighbour discovery')
    await page.getByRole('textbox', { name: /^Attached GitHub issue/ }).fill('acme/net#1')
    await page
      .getByRole('group', { name: 'OCaml difficulty' })
      .getByRole('radio', { name: /: 1 of 3 stars\b/ })
      .check()
    await page
      .getByRole('group', { name: 'Domain difficulty' })
      .getByRole('radio', { name: /: 1 of 3 stars\b/ })
      .check()
    await page.getByLabel('Primary domain').selectOption('networking')
    await page
      .getByRole('group', { name: 'Size' })
      .getByRole('radio', { name: /^About a week/ })
      .check()
    await page.getByRole('button', { name: 'Create the project' }).click()
    await page.waitForURL(/\/starter\/\d+\?saved=created$/)

    // 2. The project page says what tagging changed in the issue's labels and leads to the plan:
    // the labels to create, and the issue's diff, green additions only.
    await eventually(async () =>
      expect(await page.getByText('+ starter', { exact: true }).count()).toBe(1),
    )
    await page.getByRole('link', { name: 'Review and apply in the label plan' }).click()
    await page.waitForURL(`${server.url}/labels?repo=acme%2Fnet`)
    await eventually(async () =>
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Label plan'),
    )
    const creates = page.getByRole('list', { name: 'Labels to create in acme/net' })
    expect(await creates.getByRole('listitem').count()).toBe(PLANNED.length)
    const issues = page.getByRole('list', { name: 'Issues of acme/net' })
    const issueLink = issues.getByRole('link', { name: `#1 ${ISSUE_TITLE}` })
    expect(await issueLink.getAttribute('href')).toBe('https://github.com/acme/net/issues/1')
    for (const label of PLANNED) {
      expect(await issues.getByRole('checkbox', { name: `add ${label}` }).count()).toBe(1)
    }
    expect(await issues.getByText(/^remove/).count()).toBe(0)
    expect(await page.getByText('This server has no GitHub token').count()).toBe(0)

    // 3. Apply all: queued, and the server's worker sends it.
    await page.getByRole('button', { name: /^Apply all/ }).click()
    await eventually(async () =>
      expect(await page.getByRole('status').textContent()).toBe('5 changes queued.'),
    )
    // Five label creates, one read of the issue and five adds, spaced a second apart.
    await eventually(async () => {
      expect([...github.issue('acme/net', 1)!.labels].sort()).toEqual(['bug', ...PLANNED].sort())
    }, 30_000)
    expect(github.clobberingCalls).toEqual([])
    expect(github.autoCreatedLabels).toEqual([])
    expect(github.labels('acme/net').map((label) => label.name)).toEqual(
      expect.arrayContaining(PLANNED),
    )

    // 4. The audit log: every change done, asked by the maintainer.
    await page.getByRole('link', { name: 'Log', exact: true }).click()
    await page.waitForURL(`${server.url}/labels/log`)
    const entries = page.getByRole('list', { name: 'Label changes' }).getByRole('listitem')
    await eventually(async () => {
      await page.reload()
      const texts = await entries.allTextContents()
      expect(texts).toHaveLength(PLANNED.length)
      for (const text of texts) {
        expect(text).toContain('acme/net#1')
        expect(text).toContain('done')
        // Asked by the maintainer signed in with GitHub: by her login, not a demo action.
        expect(text).toContain(MAINTAINER_LOGIN)
        expect(text).not.toContain('demo action')
      }
    }, 10_000)
    const logged = (await entries.allTextContents()).join('\n')
    for (const label of PLANNED) expect(logged).toContain(label)

    // The status filter keeps to the URL.
    await page.getByLabel('Status').selectOption('conflict')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL(/status=conflict/)
    await eventually(async () =>
      expect(await page.getByText('No label changes match.').count()).toBe(1),
    )
  })
})
