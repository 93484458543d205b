import { describe, expect, test } from 'vitest'

import { eventually, hasChromium, setupBrowserSuite, waitForHydration } from './harness'

// A member of the community reading the shipped demo without signing in: every page says how to
// take part, and the data behind each list is one link away.

describe.skipIf(!hasChromium())('an anonymous reader of the demo in Chromium', () => {
  const suite = setupBrowserSuite()

  test('an idea’s page says how to take part, and dates its decision on the call’s day', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap/ideas/31`)
    await eventually(async () =>
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Solo5/),
    )
    const prompt = page.getByText(/to \+1 this idea, comment or suggest a better area\.$/)
    expect(await prompt.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      `/login?returnTo=${encodeURIComponent('/roadmap/ideas/31')}`,
    )
    const history = page.getByRole('region', { name: 'History' })
    expect(await history.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^3 Feb 2016: Deferred \(back to ideation\)/),
    ])
  })

  test('on a phone, a deferred idea says under its title, in the first screen, which round of which target deferred it, why, and what comes next', async () => {
    const { browser, server } = suite
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } })
    const phone = await context.newPage()
    await phone.goto(`${server.url}/roadmap/ideas/31`)
    const decision = phone.getByRole('status').filter({ hasText: 'Back in ideation: deferred' })
    await eventually(async () =>
      expect(await decision.textContent()).toMatch(
        /^Back in ideation: deferred in Call of 3 February 2016 \(MirageOS 3\.0\)\.Reason recorded: Raised as an open question on the call .*Maintainers can shortlist it again in a later round of MirageOS 3\.0\./,
      ),
    )
    expect(await decision.getByRole('link').getAttribute('href')).toMatch(
      /^\/roadmap\/rounds\/\d+$/,
    )
    // Above the fold, with nothing wider than the screen.
    const box = (await decision.boundingBox())!
    expect(box.y + box.height).toBeLessThanOrEqual(800)
    expect(box.x + box.width).toBeLessThanOrEqual(375)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    )
    await context.close()
  })

  test('an idea’s history links its round by name, not in quotes, and its first area is named as an area', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap/ideas/31`)
    const history = page.getByRole('region', { name: 'History' })
    await eventually(async () =>
      expect(await history.getByRole('listitem').allTextContents()).toEqual([
        expect.stringMatching(/ — Call of 3 February 2016\.$/),
      ]),
    )
    expect(await history.getByRole('link').textContent()).toBe('Call of 3 February 2016')
    expect(
      await page
        .getByText(/^From /)
        .first()
        .textContent(),
    ).toMatch(/ · first filed under this area, then called “Platform” · /)
  })

  test('an idea nobody +1’d shows no count of +1s: a “0 +1s” beside its title read as a score', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap/ideas/31`)
    const main = page.getByRole('main')
    await eventually(async () => expect(await main.textContent()).toContain('Last activity'))
    expect(await main.textContent()).not.toMatch(/\b0 \+1s|\b0 people interested/)
  })

  test('the home page leads to the call’s agenda, which lists the demo’s open round as a demo action', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/`)
    await page.getByRole('link', { name: 'Prepare the call' }).click()
    await page.waitForURL(`${server.url}/digest`)
    // The demo's decisions are years old, but the round it opens at load is this fortnight's (a
    // quiet fortnight's pointer to the latest decision: app/routes/digest.test.ts).
    const agenda = page.getByRole('region', { name: 'The agenda' })
    await eventually(async () =>
      expect(await agenda.getByRole('listitem').allTextContents()).toContainEqual(
        expect.stringMatching(/^Demo round of .+ \(MirageOS 3\.0\) \(a demo action\) opened /),
      ),
    )
    expect(await page.getByText(/^Nothing was proposed or decided/).count()).toBe(0)
    // The agenda reads on the page as it would once posted, not only as markdown to copy.
    expect(await agenda.getByRole('heading', { level: 2 }).allTextContents()).toContain(
      'Starter projects',
    )
    expect(await page.getByLabel('Markdown, to paste into the call notes').inputValue()).toMatch(
      /^# Call agenda: /,
    )
  })

  test('an effort agreed on a call named after its day says the day once', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap`)
    const agreed = page.getByText(/^Agreed in Call of 23 April 2015/)
    await eventually(async () =>
      expect(await agreed.textContent()).toMatch(
        /^Agreed in Call of 23 April 2015 \(decided on the call, no recorded ballots\)\. From/,
      ),
    )
  })

  test('the roadmap says what an effort is where the word first comes, on the home page too', async () => {
    const { page, server } = suite
    // The home page counts efforts before the roadmap page is ever opened.
    await page.goto(server.url)
    const roadmapLine = page.getByRole('listitem').filter({ hasText: 'Read the roadmap' })
    await eventually(async () =>
      expect(await roadmapLine.textContent()).toMatch(
        /by area \(each an effort: an agreed idea and the GitHub issues that carry it out\)/,
      ),
    )
    await page.goto(`${server.url}/roadmap`)
    const intro = page.getByText(/^An effort is /)
    await eventually(async () =>
      expect(await intro.textContent()).toMatch(
        /^An effort is an idea the maintainers agreed on in a round, and the GitHub issues linked to it that carry it out\./,
      ),
    )
  })

  test('the roadmap puts the round being voted on under its own heading, not the agreed efforts', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap`)
    const now = page.getByRole('region', { name: 'Being decided now' })
    await eventually(async () =>
      expect(await now.textContent()).toMatch(
        /^Being decided nowDemo round of .+ is being voted on/,
      ),
    )
    // Before the agreed efforts, and no longer under their heading.
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents()
    expect(headings.indexOf('Being decided now') + 1).toBe(headings.indexOf('Agreed efforts'))
  })

  test('an area on the roadmap leads to the ideas being collected in it', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap`)
    await page.getByRole('link', { name: 'Ideas in Storage' }).click()
    await page.waitForURL(/\/roadmap\/ideas\?.*area=storage/)
    await eventually(async () =>
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Ideas for MirageOS 3.0: Storage',
      ),
    )
    expect(await page.getByRole('list', { name: 'Ideas in Storage' }).textContent()).toContain(
      'Investigate high memory use in ocaml-git/Irmin when cloning',
    )
  })

  test('an area says once which statuses it has no effort in, and a partial chart says what it counts a fact at a time', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap`)
    const storage = page.getByRole('region', { name: 'Storage', exact: true })
    await eventually(async () =>
      expect(await storage.getByRole('heading', { level: 4 }).allTextContents()).toEqual([
        'Planned (1)',
      ]),
    )
    expect(await storage.getByText(/^No effort /).textContent()).toBe(
      'No effort in progress, done or dropped yet.',
    )
    expect(await page.getByText('None.', { exact: true }).count()).toBe(0)
    expect(await page.getByText(/^2 of the 3 linked issues were closed /).textContent()).toMatch(
      /^2 of the 3 linked issues were closed on days nobody recorded, so the chart leaves them out\. It draws the other one: still open on \d+ \w+ \d{4}\.$/,
    )
  })

  test('the ideas list shows no count of +1s where nobody gave one: no column of noughts to read as scores', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap/ideas`)
    const rows = page.getByRole('list', { name: /^Ideas in / }).getByRole('listitem')
    await eventually(async () => expect(await rows.count()).toBeGreaterThan(10))
    // Nobody has +1'd the demo's ideas yet (a count, where there is one: ui/plus-one-control.test.ts).
    for (const row of await rows.allTextContents()) expect(row).not.toMatch(/\+1|interested/)
  })

  test('the rounds list names what it counts: ideas shortlisted, maintainers who voted of those who can', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap/rounds`)
    const demoRound = page.getByRole('listitem').filter({ hasText: /^Demo round of / })
    // Dana and Ari can vote, and Kai (a seeded demo maintainer nobody signs in as) has.
    await eventually(async () =>
      expect(await demoRound.textContent()).toMatch(
        / · 5 ideas shortlisted · 1 of 3 maintainers voted/,
      ),
    )
  })

  test('a round’s page says what it is, until when maintainers vote, and what a reader can do there', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap/rounds`)
    await page.getByRole('link', { name: /^Demo round of / }).click()
    await page.waitForURL(/\/roadmap\/rounds\/\d+$/)
    const intro = page.getByText(/^Maintainers vote here on the shortlisted ideas/)
    await eventually(async () =>
      expect(await intro.textContent()).toMatch(
        /, each ranking them in a secret ballot\. Voting closes on \d+ \w+ \d{4}\. The round then closes with a recorded decision/,
      ),
    )
    const offer = page.getByText(/^You can read the shortlist and open any idea on it\./)
    expect(await offer.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      `/login?returnTo=${encodeURIComponent(new URL(page.url()).pathname)}`,
    )
    const voters = page.getByRole('region', { name: 'Who has voted' })
    expect(await voters.textContent()).toMatch(
      /^Who has voted1 of 3 maintainers voted: Kai \(second seeded demo maintainer\)\./,
    )
  })

  test('the rounds list says what each past call decided', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap/rounds`)
    const call = page.getByRole('listitem').filter({ hasText: /^Call of 3 February 2016/ })
    await eventually(async () =>
      expect(await call.textContent()).toMatch(/, no recorded ballots · 1 idea deferred$/),
    )
    const agreed = page.getByRole('listitem').filter({ hasText: /^Call of 23 April 2015/ })
    expect(await agreed.textContent()).toMatch(/, no recorded ballots · 1 idea agreed$/)
    // Its name says the call's day: the line does not name it again.
    expect(await call.textContent()).toBe(
      'Call of 3 February 2016decided on the call, no recorded ballots · 1 idea deferred',
    )
  })

  test('the ideas, the issues board and a round each link to the same data as JSON', async () => {
    const { page, server } = suite
    const jsonBehind = async (path: string, name: string) => {
      await page.goto(`${server.url}${path}`)
      const href = await page.getByRole('link', { name }).getAttribute('href')
      const response = await page.request.get(`${server.url}${href}`)
      expect(response.headers()['content-type']).toMatch(/^application\/json/)
      return { href, body: await response.json() }
    }

    const ideas = await jsonBehind('/roadmap/ideas', 'These ideas as JSON')
    // The ideas still open, as the page lists them (those the demo's round shortlisted among
    // them); no agreed efforts.
    const listed = await page
      .getByRole('list', { name: /^Ideas in / })
      .getByRole('listitem')
      .count()
    expect(ideas.body.items).toHaveLength(listed)
    expect(new Set(ideas.body.items.map((idea: { stage: string }) => idea.stage))).toEqual(
      new Set(['ideation', 'shortlisted']),
    )

    const issues = await jsonBehind('/issues?author=GemmaG', 'These issues as JSON')
    expect(issues.href).toBe('/api/issues?author=GemmaG')
    expect(issues.body.items.map((issue: { number: number }) => issue.number).sort()).toEqual([
      512, 569,
    ])

    const round = await jsonBehind('/roadmap/rounds/1', 'This round as JSON')
    expect(round.body).toMatchObject({ id: 1, name: 'Call of 25 March 2015' })
  })

  test('an issue’s facts are named in words, not by an emoji a font may lack', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/repos/mirage/mirage-tcpip/issues/340`)
    await eventually(async () =>
      expect(await page.getByRole('term').allTextContents()).toEqual([
        'Assignees',
        'Comments',
        '+1 reactions',
      ]),
    )
  })

  test('on a phone the ideas page says on its first screen where to propose one', async () => {
    const { browser, server } = suite
    const context = await browser.newContext({ viewport: { width: 375, height: 667 } })
    const phone = await context.newPage()
    await phone.goto(`${server.url}/roadmap/ideas`)
    const jump = phone.getByRole('link', { name: 'Propose an idea' })
    const box = await jump.boundingBox()
    expect(box!.y + box!.height).toBeLessThanOrEqual(667)
    await jump.click()
    const aside = phone.getByRole('complementary', { name: 'Propose an idea' })
    // After the jump, the proposal box and its sign-in link are on screen.
    const signIn = await aside.getByRole('link', { name: 'Sign in' }).boundingBox()
    expect(signIn!.y).toBeGreaterThanOrEqual(0)
    expect(signIn!.y + signIn!.height).toBeLessThanOrEqual(667)
    await context.close()
  })

  test('on a phone, signing in from an area’s proposal box comes back to that area, the form on screen', async () => {
    const { browser, server } = suite
    const context = await browser.newContext({ viewport: { width: 375, height: 667 } })
    const phone = await context.newPage()
    // The area as a reader reaches it: from an idea's page.
    await phone.goto(`${server.url}/roadmap/ideas/31`)
    await waitForHydration(phone)
    await phone.getByRole('link', { name: 'Platforms and backends' }).click()
    await phone.waitForURL(/\/roadmap\/ideas\?.*area=/)
    const area = phone.url()
    await phone
      .getByRole('complementary', { name: 'Propose an idea' })
      .getByRole('link', { name: 'Sign in' })
      .click()
    await phone.getByRole('button', { name: /Noor \(demo newcomer\)/ }).click()
    // Not the list's top, every area, with the form below all of them.
    await phone.waitForURL(`${area}#propose-heading`)
    const form = phone.getByRole('complementary', { name: 'Propose an idea' })
    expect(await form.getByRole('combobox', { name: 'Area of focus' }).inputValue()).not.toBe('')
    await eventually(async () => {
      const title = await form.getByRole('textbox', { name: 'Title' }).boundingBox()
      expect(title!.y).toBeGreaterThanOrEqual(0)
      expect(title!.y + title!.height).toBeLessThanOrEqual(667)
    })
    await context.close()
  })

  test('the ideas page says what its quoted, italic titles are, a phone showing no tooltip', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap/ideas`)
    await eventually(async () =>
      expect(await page.getByRole('listitem').locator('q').first().getAttribute('title')).toBe(
        'Quoted verbatim',
      ),
    )
    expect(
      await page
        .getByText(/^A title .?in quotation marks and italics.? is quoted verbatim/)
        .count(),
    ).toBe(1)
  })

  test('on a phone, where no tooltip opens, the issues and stale pages say what “or later” means', async () => {
    const { browser, server } = suite
    const context = await browser.newContext({ viewport: { width: 375, height: 667 } })
    const phone = await context.newPage()
    for (const path of ['/issues', '/issues/stale']) {
      await phone.goto(`${server.url}${path}`)
      await expect
        .poll(() => phone.getByTestId('or-later-note').textContent())
        .toMatch(/^A date followed by “or later”: the demo’s source records no times of activity/)
    }
    await context.close()
  })
})
