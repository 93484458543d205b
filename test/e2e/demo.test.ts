import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'

import { eventually, hasChromium, setupBrowserSuite, signedInAs, waitForHydration } from './harness'

// The demo as it ships (issue 15, decision 012): triaged by its demo people, each rating shown as
// a demo action, and its time-based pages measured from the data's own newest activity.

const MAINTAINER = /Dana \(demo maintainer\)/
const NEWCOMER = /Noor \(demo newcomer\)/
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true }
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

describe.skipIf(!hasChromium())('the shipped demo in Chromium', () => {
  const suite = setupBrowserSuite()

  test('a demo rating says it is one, beside the 2015 legacy note', async () => {
    const { page, server } = suite
    // Projects load in the list's order: pp-04, the DHCP client, is the fourth.
    await page.goto(`${server.url}/starter/4`)
    await eventually(async () =>
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'DHCP client built on Charrua',
      ),
    )
    const ratings = page.getByRole('region', { name: 'Difficulty' })
    expect(await ratings.getByTestId('rated-by').textContent()).toMatch(
      /^Demo rating by Sam \(seeded demo maintainer\), \d{1,2} \w+ \d{4}: a demo action, not a MirageOS decision; the original Pioneer Projects list had no two-axis ratings\.$/,
    )
    await ratings.getByText('Rating history (2)').click()
    expect(
      await ratings
        .getByRole('cell', { name: 'Sam (seeded demo maintainer), a demo rating' })
        .count(),
    ).toBe(2)
    expect(await page.getByText(/5★ on the old single 1-3★ scale/).count()).toBe(1)
  })

  test('candidates and the stale view measure from the demo’s newest activity, and say so', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/login?returnTo=${encodeURIComponent('/starter/candidates')}`)
    await page.getByRole('button', { name: MAINTAINER }).click()
    await page.waitForURL(`${server.url}/starter/candidates`)
    await eventually(async () =>
      expect(await page.getByTestId('board-clock').textContent()).toMatch(
        /^Measured as of 26 May 2024/,
      ),
    )
    expect(await page.getByRole('link', { name: 'Dead link /docs/papers' }).count()).toBe(1)

    await page.goto(`${server.url}/issues/stale`)
    const fresh = page.getByRole('region', { name: /^Fresh work/ })
    await eventually(async () =>
      expect(await fresh.getByRole('listitem').allTextContents()).toEqual([
        expect.stringContaining('Dead link /docs/papers'),
      ]),
    )
    expect(await page.getByRole('heading', { name: /^mirage\/ocaml-git/ }).count()).toBe(1)
    expect(await page.getByTestId('board-clock').textContent()).toMatch(
      /^Measured as of 26 May 2024/,
    )
  })

  test('the agenda says its two clocks and opens a repository’s stale items, not all its issues', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/digest`)
    await eventually(async () =>
      expect(
        await page.getByText(/^Two clocks: stale work is measured as of 2024-05-26/).count(),
      ).toBe(1),
    )
    await page.getByRole('link', { name: 'mirage/mirage', exact: true }).click()
    await page.waitForURL(/\/issues\/stale\?repo=mirage%2Fmirage&months=6$/)
    await eventually(async () =>
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Stale work in mirage/mirage',
      ),
    )
    const items = page.getByRole('region', { name: 'Stale items in mirage/mirage' })
    expect(await items.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('mirage.io updates/improvements'),
      expect.stringContaining('Outreachy Summer 2023'),
    ])
    await page.getByRole('link', { name: '← Stale work in all repositories' }).click()
    await page.waitForURL(`${server.url}/issues/stale?months=6`)
    await eventually(async () =>
      expect(await page.getByRole('heading', { name: /^mirage\/ocaml-git/ }).count()).toBe(1),
    )
  })

  test('a project demo people finished names them by their demo names, once marked', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/starter/17`)
    await eventually(async () =>
      expect(await page.getByText(/^Nobody now; parts done by /).textContent()).toBe(
        // Each finished claim, a demo action, tagged as her running claim was; the elastic
        // project stays open, so they did parts of it, not all.
        'Nobody now; parts done by Lee (seeded demo contributor) demo claim, Rin (seeded demo newcomer) demo claim.',
      ),
    )
  })

  test('what the demo’s source never recorded reads as not recorded, not as zeros or exact days', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/repos/mirage/mirage/issues/1402`)
    const facts = page.getByRole('definition')
    await eventually(async () =>
      expect(await facts.allTextContents()).toEqual(['none', 'not recorded', 'not recorded']),
    )
    expect(await page.getByText(/updated \d+ \w+ \d{4} or later/).count()).toBe(1)

    await page.goto(`${server.url}/issues`)
    await eventually(async () =>
      expect(await page.getByText(/ · updated \d+ \w+ \d{4} or later/).count()).toBeGreaterThan(0),
    )
  })

  test('a visiting maintainer finds the demo’s open round on the home page and votes in it', async () => {
    // Sam (seeded) opened it at load and Kai (seeded) voted: demo actions, said as such.
    const dana = await signedInAs(suite, MAINTAINER, '/')
    const badge = 'opened by Sam (seeded demo maintainer): a demo action, not a MirageOS round'
    const waiting = dana
      .getByRole('region', { name: 'For you' })
      .getByRole('listitem')
      .filter({ hasText: /^Demo round of .+ \(MirageOS 3\.0\): voting until / })
    expect(await waiting.textContent()).toMatch(
      new RegExp(
        `^Demo round of .+ \\(MirageOS 3\\.0\\): voting until .+ · you have not voted yet ${escape(badge)}$`,
      ),
    )
    await waiting.getByRole('link').click()
    await dana.waitForURL(/\/roadmap\/rounds\/\d+$/)
    // The round's page rendered, not the home page the URL left: that one names the round too.
    await dana.getByRole('heading', { level: 1, name: /^Demo round of / }).waitFor()
    await dana.getByText(badge).waitFor()
    const voters = dana.getByRole('region', { name: 'Who has voted' })
    expect(await voters.textContent()).toContain(
      '1 of 3 maintainers voted: Kai (second seeded demo maintainer). A demo vote: a demo action',
    )
    // Her ranked ballot: the first two shortlisted ideas, the rest left tied last.
    const ranks = dana.locator('select[name="rank"]')
    expect(await ranks.count()).toBe(5)
    await ranks.nth(0).selectOption('1')
    await ranks.nth(1).selectOption('2')
    await dana.getByRole('button', { name: 'Cast my ballot' }).click()
    await eventually(async () =>
      expect(await dana.getByRole('status').textContent()).toContain('Your ballot is recorded'),
    )
    await dana.locator('select[name="dots"]').nth(0).selectOption('2')
    await dana.getByRole('button', { name: 'Save my dots' }).click()
    await eventually(async () =>
      expect(await dana.getByRole('status').textContent()).toContain('Your dots are recorded'),
    )
    // The voters list comes with the page's reload after the vote, which may land after the notice.
    await eventually(async () =>
      expect(await voters.textContent()).toContain(
        '2 of 3 maintainers voted: Kai (second seeded demo maintainer), Dana (demo maintainer).',
      ),
    )
    // One round at a time: the rounds page says how another can be opened, and badges this one.
    await dana.goto(`${suite.server.url}/roadmap/rounds`)
    expect(await dana.getByRole('region', { name: 'Open a round' }).textContent()).toMatch(
      /Demo round of .+ is being voted on until .+; close it before opening another/,
    )
    expect(
      await dana
        .getByRole('listitem')
        .filter({ hasText: /^Demo round of / })
        .textContent(),
    ).toContain(badge)
    await dana.goto(`${suite.server.url}/`)
    expect(await waiting.textContent()).toContain('you have voted')
    await dana.context().close()
  })

  test('the sign-in page says who the seeded people are, offers none of them, and says what Dana mentors', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/login`)
    const seeded = page.getByRole('region', { name: 'Who else is in the demo' })
    await eventually(async () =>
      expect(await seeded.getByRole('listitem').allTextContents()).toEqual([
        expect.stringMatching(
          /^Sam \(seeded demo maintainer\) — maintainer; rated \d+ Pioneer Projects .+ opened the demo round\.$/,
        ),
        expect.stringMatching(/^Kai \(second seeded demo maintainer\) — maintainer; rated \d+ /),
        expect.stringMatching(/^Lee \(seeded demo contributor\) — contributor; /),
        expect.stringMatching(/^Rin \(seeded demo newcomer\) — newcomer \(contributor\); /),
      ]),
    )
    expect(await seeded.textContent()).toContain('Nobody signs in as them')
    // Someone trying the demo to run it for their own community learns how sign-in works there.
    expect(
      await page.getByRole('region', { name: 'Try it as a demo person' }).textContent(),
    ).toContain('On your own board people sign in with their GitHub account instead')
    expect(await page.getByRole('button', { name: /Sam|Kai|Lee|Rin/ }).count()).toBe(0)
    expect(
      await page
        .getByText(
          /^A maintainer: .+\. Mentor of “.+” and “.+”, named so by Sam \(seeded demo maintainer\): a demo action\.$/,
        )
        .count(),
    ).toBe(1)
  })

  test('a newcomer’s claim on a first step Dana mentors reaches Dana’s inbox, her answer reaches the newcomer and the reply Dana, as demo actions', async () => {
    const response = await fetch(`${suite.server.url}/api/starter-projects?limit=50`)
    const { items } = (await response.json()) as {
      items: { id: number; title: string; status: string; mentors: string[] }[]
    }
    const project = items.find(
      (item) => item.status === 'open' && item.mentors.includes('demo-maintainer'),
    )!
    const noor = await signedInAs(suite, NEWCOMER, `/starter/${project.id}`)
    await noor.getByRole('button', { name: 'I’m working on this' }).click()
    await eventually(async () =>
      // Dana has an account here: the board tells her, so Noor is not sent to find a way to.
      expect(await noor.getByRole('status').first().textContent()).toContain(
        'Dana (demo maintainer) has been told you have started.',
      ),
    )
    // Nobody is behind a demo account: her claim says the answer comes when someone signs in as
    // Dana, and leads to the sign-in page and back here to give it.
    const claims = noor.getByRole('region', { name: 'Who is working on this' })
    await eventually(async () =>
      expect(await claims.textContent()).toContain(
        'In this demo, that is a demo account: an answer comes when someone signs in as one.',
      ),
    )
    expect(await claims.getByRole('link', { name: 'Be someone else' }).getAttribute('href')).toBe(
      `/login?returnTo=${encodeURIComponent(`/starter/${project.id}`)}`,
    )
    await noor.context().close()

    const dana = await signedInAs(suite, MAINTAINER, '/notifications')
    const notice = dana.getByRole('link', {
      name: `Noor (demo newcomer) is working on “${project.title}”`,
    })
    await eventually(async () => expect(await notice.count()).toBe(1))
    expect(await dana.getByRole('listitem').filter({ has: notice }).textContent()).toContain(
      'a demo action',
    )
    // Dana answers from the project page the notice opens at its claims, where the answer form
    // is; Noor hears back, on My work and in her inbox, each saying it is a demo action.
    await notice.click()
    await dana.waitForURL(`${suite.server.url}/starter/${project.id}#claims-heading`)
    await dana
      .getByLabel('Answer Noor (demo newcomer): a welcome and a first step')
      .fill('Welcome! Start with the README.')
    await dana.getByRole('button', { name: 'Send answer' }).click()
    await eventually(async () =>
      expect(await dana.getByRole('status').first().textContent()).toMatch(/^Sent: they are told/),
    )
    await dana.context().close()

    const back = await signedInAs(suite, NEWCOMER, '/me')
    const myClaims = back.getByRole('region', { name: 'My claims' })
    await eventually(async () =>
      expect(await myClaims.textContent()).toMatch(
        /Dana \(demo maintainer\) answered on .+Welcome! Start with the README\.\s*demo answer/,
      ),
    )
    await back.goto(`${suite.server.url}/notifications`)
    const answered = back.getByRole('link', {
      name: `Dana (demo maintainer) answered your claim on “${project.title}”: “Welcome! Start with the README.”`,
    })
    await eventually(async () => expect(await answered.count()).toBe(1))

    // Noor replies under her claim; Dana, who answered, is told, as a demo action.
    await back.goto(`${suite.server.url}/starter/${project.id}`)
    await back.getByLabel('Reply to the answer').fill('Thanks! Which README?')
    await back.getByRole('button', { name: 'Send reply' }).click()
    await eventually(async () =>
      expect(await back.getByRole('status').first().textContent()).toMatch(
        /^Sent: whoever answered your claim is told/,
      ),
    )
    await back.context().close()

    const danaAgain = await signedInAs(suite, MAINTAINER, '/notifications')
    const replied = danaAgain.getByRole('link', {
      name: `Noor (demo newcomer) replied to your answer on “${project.title}”: “Thanks! Which README?”`,
    })
    await eventually(async () => expect(await replied.count()).toBe(1))
    expect(await danaAgain.getByRole('listitem').filter({ has: replied }).textContent()).toContain(
      'a demo action',
    )
    await replied.click()
    await danaAgain.waitForURL(`${suite.server.url}/starter/${project.id}#claims-heading`)
    expect(
      await danaAgain.getByRole('region', { name: 'Who is working on this' }).textContent(),
    ).toMatch(
      /Dana \(demo maintainer\) answered on .+Welcome! Start with the README\.\s*demo answer.*Noor \(demo newcomer\) replied on .+Thanks! Which README\?\s*demo reply/,
    )
    await danaAgain
      .getByLabel('Answer the reply from Noor (demo newcomer)')
      .fill('The one at the top.')
    await danaAgain.getByRole('button', { name: 'Send answer' }).click()
    await eventually(async () =>
      expect(await danaAgain.getByRole('status').first().textContent()).toMatch(
        /^Sent: they are told/,
      ),
    )

    // Noor replies again, this time from My work on a phone, first without JavaScript: a plain
    // post, refused beside her claim with what she typed, then sent into her claim's thread.
    const myClaim = (page: Page) =>
      page
        .getByRole('region', { name: 'My claims' })
        .locator('li[id^="claim-"]')
        .filter({ hasText: project.title })
    const noJs = await (
      await suite.browser.newContext({ ...PHONE, javaScriptEnabled: false })
    ).newPage()
    await noJs.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent('/me')}`)
    await noJs.getByRole('button', { name: NEWCOMER }).click()
    await noJs.waitForURL(`${suite.server.url}/me`)
    expect(await myClaim(noJs).textContent()).toMatch(/The one at the top\./)
    // Spaces pass the browser's "required"; the server's rule refuses them.
    await myClaim(noJs).getByLabel('Reply to the answer').fill('   ')
    await myClaim(noJs).getByRole('button', { name: 'Send reply' }).click()
    await noJs.waitForURL(`${suite.server.url}/me?index`)
    const refused = myClaim(noJs).getByLabel('Reply to the answer')
    expect(await myClaim(noJs).textContent()).toContain('Write a few words to reply.')
    expect(await refused.getAttribute('aria-invalid')).toBe('true')
    // The page opens on the refused words, focused.
    expect(await noJs.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('message')
    await refused.fill('Found it, thanks. Tests next?')
    await myClaim(noJs).getByRole('button', { name: 'Send reply' }).click()
    await eventually(async () =>
      expect(await myClaim(noJs).textContent()).toMatch(
        /The one at the top\..*You replied on .+Found it, thanks\. Tests next\?.*Sent: whoever answered your claim is told/,
      ),
    )
    expect(await myClaim(noJs).getByRole('button', { name: 'Send reply' }).count()).toBe(0)
    // The page opens on what became of it, not on its top.
    expect(await noJs.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(
      /^Sent: whoever answered your claim is told/,
    )
    expect(await noJs.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await noJs.context().close()

    await danaAgain.goto(`${suite.server.url}/starter/${project.id}`)
    await danaAgain
      .getByLabel('Answer the reply from Noor (demo newcomer)')
      .fill('Yes: test/tcp first.')
    await danaAgain.getByRole('button', { name: 'Send answer' }).click()
    await eventually(async () =>
      expect(await danaAgain.getByRole('status').first().textContent()).toMatch(
        /^Sent: they are told/,
      ),
    )
    await danaAgain.context().close()

    // With JavaScript: the reply joins the thread in place, and the focus goes to what happened
    // to it, since the button pressed is gone.
    const phone = await (await suite.browser.newContext(PHONE)).newPage()
    await phone.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent('/me')}`)
    await phone.getByRole('button', { name: NEWCOMER }).click()
    await phone.waitForURL(`${suite.server.url}/me`)
    await waitForHydration(phone)
    await myClaim(phone).getByLabel('Reply to the answer').fill('On it.')
    await myClaim(phone).getByRole('button', { name: 'Send reply' }).click()
    await eventually(async () =>
      expect(await myClaim(phone).textContent()).toMatch(
        /Yes: test\/tcp first\..*You replied on .+On it\..*Sent: whoever answered your claim is told/,
      ),
    )
    expect(await phone.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(
      /^Sent: whoever answered your claim is told/,
    )
    expect(await myClaim(phone).textContent()).toContain(
      'Whoever answered is told of your reply; you will be told when they answer.',
    )
    expect(await myClaim(phone).getByRole('button', { name: 'Send reply' }).count()).toBe(0)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    )
    await phone.context().close()
  })

  test('the gap dashboard’s unrated projects lead to triage, where a rating may close a gap', async () => {
    const page = await signedInAs(suite, MAINTAINER, '/starter/gaps')
    try {
      const unrated = page.locator('p', { hasText: /have no rating yet on one axis or both/ })
      await unrated.getByRole('link', { name: 'Rate them in triage' }).click()
      await page.waitForURL(`${suite.server.url}/starter/triage`)
    } finally {
      await page.context().close()
    }
  })
})
