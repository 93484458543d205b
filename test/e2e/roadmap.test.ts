import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'

import { eventually, hasChromium, setupBrowserSuite, signedInAs } from './harness'

// One journey through both stages of the roadmap, as four people in their own browsers. From the
// demo as the 2015 notes left it (SEED_DEMO=untriaged): the shipped demo opens a round of its own
// at load (demo.test.ts), and a target runs one round at a time; this journey opens the first.
describe.skipIf(!hasChromium())('the roadmap in Chromium', () => {
  const suite = setupBrowserSuite({ SEED_DEMO: 'untriaged' })

  async function rankIdea(page: Page, title: string, rank: string) {
    await page.getByLabel(`Rank for ${title}`).selectOption(rank)
  }

  const NEW_IDEA = 'Fuzz the TCP/IP stack'
  const OTHER_IDEA = 'Quality/Testing is a feature'
  const TCPIP_LABELS = `/labels?repo=${encodeURIComponent('mirage/mirage-tcpip')}`
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

  test('a contributor proposes and +1s, maintainers shortlist, vote and close; the roadmap shows it', async () => {
    // The untriaged demo creates its people as they first sign in: Ari has been here before, so
    // the round Dana opens reaches his inbox, as it would any maintainer's.
    await (await signedInAs(suite, /Ari \(second demo maintainer\)/, '/')).context().close()
    // A contributor starts typing an idea that exists and +1s it instead; then proposes a new one.
    const cam = await signedInAs(suite, /Cam \(demo contributor\)/, '/roadmap/ideas')
    await cam.getByLabel('Title').fill(OTHER_IDEA)
    await cam.getByRole('button', { name: `+1 ${OTHER_IDEA} instead` }).click()
    // The list's +1 button: named for the idea and its count of people, pressed now it is hers.
    const plusOne = cam.getByRole('button', { name: `+1 ${OTHER_IDEA} (`, pressed: true })
    await eventually(async () => expect(await plusOne.count()).toBe(1))
    expect(await plusOne.getAttribute('aria-label')).toMatch(
      new RegExp(`^\\+1 ${escape(OTHER_IDEA)} \\(\\d+ (person|people)\\)$`),
    )
    await cam.getByLabel('Title').fill(NEW_IDEA)
    await cam.getByLabel('Area of focus').selectOption({ label: 'Quality and testing' })
    await cam.getByLabel('Description (markdown)').fill('Run **AFL** against the stack.')
    await cam
      .getByLabel('Links to issues or repositories (optional)')
      .fill('mirage/mirage-tcpip#18')
    await cam.getByRole('button', { name: 'Propose' }).click()
    await cam.waitForURL(/\/roadmap\/ideas\/\d+\?proposed$/)
    await eventually(async () =>
      expect(await cam.getByRole('heading', { level: 1 }).textContent()).toContain(NEW_IDEA),
    )
    expect(await cam.locator('.markdown-body strong').textContent()).toBe('AFL')
    // She is told it worked, as after a comment or a +1, and that it was a demo action.
    expect(await cam.getByRole('status').first().textContent()).toContain(
      'Idea proposed (a demo action).',
    )
    // The author by her demo name, as on every page, not her login.
    expect(await cam.locator('main').textContent()).toContain('From Cam (demo contributor) · ')

    await cam.goto(`${suite.server.url}/roadmap/ideas`, { waitUntil: 'networkidle' })
    expect(await plusOne.count()).toBe(1)
    const quality = cam.getByRole('list', { name: 'Ideas in Quality and testing' })
    expect(await quality.textContent()).toContain(NEW_IDEA)
    // Ideation shows areas, ideas, +1s and activity: no rank, priority or decision (the
    // demo's own attributions may say "agreed on call", hence the capitals).
    expect(await cam.locator('main').textContent()).not.toMatch(
      /\bRank|Priorit(y|ies)|Decision|Decided|Agreed|Shortlist|Declined|Deferred|Archived/,
    )
    // A contributor sees no way to open a round.
    await cam.goto(`${suite.server.url}/roadmap/rounds`)
    expect(await cam.getByRole('button', { name: /^Open the round/ }).count()).toBe(0)
    await cam.context().close()

    // A maintainer shortlists both ideas in a new round and votes. Before, the label plan lists
    // the new idea as one that adds no labels: it is still in ideation.
    const dana = await signedInAs(suite, /Dana \(demo maintainer\)/, '/roadmap/rounds')
    await dana.goto(`${suite.server.url}${TCPIP_LABELS}`)
    expect(
      await dana
        .getByRole('list', { name: 'Ideas in ideation in mirage/mirage-tcpip' })
        .textContent(),
    ).toMatch(new RegExp(`${escape(NEW_IDEA)} links #18: adds no labels`))
    await dana.goto(`${suite.server.url}/roadmap/rounds`, { waitUntil: 'networkidle' })
    await dana.getByLabel('Round name').fill('Journey round')
    await dana.getByRole('checkbox', { name: new RegExp(NEW_IDEA) }).check()
    await dana.getByRole('checkbox', { name: new RegExp(OTHER_IDEA) }).check()
    // Opening today: the button says it opens the round now, and the round's page says it did.
    await dana.getByRole('button', { name: 'Open the round now', exact: true }).click()
    await dana.waitForURL(/\/roadmap\/rounds\/\d+\?opened$/)
    await dana.getByText(/^Journey round is open, with its shortlist: voting ends on /).waitFor()
    // The round's own address, without the ?opened that said what opening it did.
    const roundUrl = dana.url().replace(/\?opened$/, '')
    await eventually(async () =>
      expect(await dana.getByRole('heading', { level: 1 }).textContent()).toBe('Journey round'),
    )
    // The shortlisted idea's page (where its followers' notice leads) says it is up for a vote.
    await dana.goto(`${suite.server.url}/roadmap/ideas`)
    await dana.getByRole('link', { name: NEW_IDEA }).click()
    await dana.getByText(/^Shortlisted for Journey round: voting is open until/).waitFor()
    await dana.goto(roundUrl)
    // Opened by a demo person: the round says so, naming her, on its page and in the list.
    await dana.getByText(/Opened by Dana \(demo maintainer\): a demo action/).waitFor()
    await dana.goto(`${suite.server.url}/roadmap/rounds`)
    expect(
      await dana.getByRole('listitem').filter({ hasText: 'Journey round' }).textContent(),
    ).toContain('opened by Dana (demo maintainer)')
    await dana.goto(roundUrl)
    // Beside the ballot, a sentence says how ballots are counted.
    await dana.getByText(/^How ballots count: the Schulze method compares every pair/).waitFor()
    await rankIdea(dana, NEW_IDEA, '2')
    await rankIdea(dana, OTHER_IDEA, '1')
    await dana.getByRole('button', { name: 'Cast my ballot' }).click()
    await eventually(async () =>
      expect(await dana.getByRole('status').textContent()).toContain('Your ballot is recorded'),
    )
    // Coming back, the home page names the round among what waits, with her ballot cast.
    const waitingRound = (page: Page) =>
      page
        .getByRole('region', { name: 'For you' })
        .getByRole('listitem')
        .filter({ hasText: /^Journey round \(MirageOS 3\.0\): voting until / })
        .textContent()
    await dana.goto(`${suite.server.url}/`)
    // Opened by a demo person, it is badged a demo action there too, as in the list of rounds.
    expect(await waitingRound(dana)).toMatch(
      /^Journey round \(MirageOS 3\.0\): voting until .+ · you have voted opened by Dana \(demo maintainer\): a demo action, not a MirageOS round$/,
    )
    await dana.context().close()

    // A second maintainer votes, sees who voted but not how, and closes the round.
    const ari = await signedInAs(suite, /Ari \(second demo maintainer\)/, '/')
    expect(await waitingRound(ari)).toMatch(
      / · you have not voted yet opened by Dana \(demo maintainer\): /,
    )
    // "For you" first says what is new in his inbox: the round Dana (a demo person) opened.
    const forAri = ari.getByRole('region', { name: 'For you' })
    const inboxLine = forAri.getByRole('link', { name: /^\d+ new notices? in your inbox$/ })
    const inboxNews = forAri.locator('p', {
      has: ari.getByRole('link', { name: /in your inbox$/ }),
    })
    expect(await inboxNews.textContent()).toMatch(
      /^[1-9]\d* new notices? in your inbox .*demo actions?$/,
    )
    await inboxLine.click()
    await ari.waitForURL(`${suite.server.url}/notifications`)
    await ari.getByText('Journey round (MirageOS 3.0) is open for voting').waitFor()
    await ari.goto(roundUrl)
    const voters = ari.locator('section', {
      has: ari.getByRole('heading', { name: 'Who has voted' }),
    })
    // Voters read by their demo names, and their ballots say they are demo actions.
    expect(await voters.textContent()).toContain(
      '1 of 2 maintainers voted: Dana (demo maintainer). A demo vote: a demo action, not a MirageOS vote.',
    )
    expect(await ari.getByLabel(`Rank for ${OTHER_IDEA}`).inputValue()).toBe('')
    await rankIdea(ari, NEW_IDEA, '1')
    await ari.getByRole('button', { name: 'Cast my ballot' }).click()
    await eventually(async () =>
      expect(await voters.textContent()).toContain(
        '2 of 2 maintainers voted: Dana (demo maintainer), Ari (second demo maintainer). 2 demo votes: demo actions',
      ),
    )

    // Dana put the other idea first and Ari put the new one first: a tie, broken by total
    // support (1 each) and then by idea number, so the older demo idea comes first; Ari picks
    // the new idea from the order instead. He closes it from his phone, 375 px wide, where each
    // idea's reason is under its title, in sight, not in a table's column off the screen.
    await ari.setViewportSize({ width: 375, height: 740 })
    const reason = ari.getByLabel(`Reason for ${OTHER_IDEA}`)
    const ideaTitle = ari.locator('form th', { hasText: OTHER_IDEA })
    const withinPhone = async (field: typeof reason) => {
      const box = (await field.boundingBox())!
      return box.x >= 0 && box.x + box.width <= 375
    }
    expect(await withinPhone(reason)).toBe(true)
    await ari
      .getByLabel('Picked by hand: the ideas marked “agreed” below, whatever the order')
      .check()
    await ari.getByLabel(`Outcome of ${NEW_IDEA}`).selectOption('agreed')
    await ari.getByLabel('Rationale for the agreed efforts').fill('Fuzzing finds what tests miss.')
    // Closing without saying why the other is deferred is refused: the refusal, at the top of
    // the page, names the idea; its reason field is marked, says what it needs, has the focus
    // and is in view beside its idea's title, and what was typed stays.
    await ari.getByRole('button', { name: 'Close the round and record the decision' }).click()
    const refusal = ari.getByRole('alert').filter({ hasText: /^Say why/ })
    await eventually(async () => expect(await refusal.count()).toBe(1))
    await eventually(async () => expect(await reason.getAttribute('aria-invalid')).toBe('true'))
    const describedBy = await reason.getAttribute('aria-describedby')
    expect(await ari.locator(`[id="${describedBy}"]`).textContent()).toBe(
      'Say why it is declined or deferred.',
    )
    await eventually(async () => {
      expect(await reason.evaluate((field) => field === document.activeElement)).toBe(true)
      const box = await reason.boundingBox()
      expect(box!.y).toBeGreaterThanOrEqual(0)
      expect(box!.y + box!.height).toBeLessThanOrEqual(ari.viewportSize()!.height)
      expect(await withinPhone(reason)).toBe(true)
      expect(await withinPhone(ideaTitle)).toBe(true)
    })
    expect(await ari.getByLabel('Rationale for the agreed efforts').inputValue()).toBe(
      'Fuzzing finds what tests miss.',
    )
    await ari
      .getByLabel('because (their reason, unless given below)')
      .fill('Next month, with tests.')
    await ari.getByRole('button', { name: 'Close the round and record the decision' }).click()
    await eventually(async () =>
      expect(await ari.getByRole('list', { name: 'Agreed efforts' }).textContent()).toBe(NEW_IDEA),
    )
    const deferred = await ari.getByRole('list', { name: 'Declined or deferred' }).textContent()
    expect(deferred).toContain(
      `${OTHER_IDEA}: deferred, back to ideation — Next month, with tests.`,
    )
    const record = await ari.getByRole('region', { name: 'Decision' }).textContent()
    expect(record).toMatch(
      /by Ari \(second demo maintainer\): [^.]*Schulze order\.\s*Demo decision: a demo action/,
    )
    expect(record).toContain(
      '2 maintainers voted: Dana (demo maintainer), Ari (second demo maintainer). 2 demo votes: demo actions',
    )
    // The record names the voters; the page does not list them a second time.
    expect(await ari.getByRole('region', { name: 'Who has voted' }).count()).toBe(0)
    expect(await ari.getByRole('table', { name: /Full order/ }).count()).toBe(1)
    const pairwise = ari.getByRole('table', { name: /Pairwise preferences/ })
    expect(await pairwise.count()).toBe(1)
    // Its columns are headed by the ideas, as a reader knows them, not by idea numbers.
    const columns = await pairwise.getByRole('columnheader').allInnerTexts()
    expect(columns.length).toBeGreaterThan(1)
    for (const column of columns) expect(column.trim()).not.toMatch(/^#?\d+$/)
    expect(
      await ari.getByText(/^For each other shortlisted idea, the number of ballots/).count(),
    ).toBe(1)
    expect(await ari.getByRole('table', { name: /Strongest paths/ }).count()).toBe(1)
    await ari.setViewportSize({ width: 1280, height: 720 })
    expect(await ari.getByRole('button', { name: 'Cast my ballot' }).count()).toBe(0)
    // The deferred idea's history links the round that decided it.
    await ari
      .getByRole('list', { name: 'Declined or deferred' })
      .getByRole('link', { name: OTHER_IDEA })
      .click()
    await ari.waitForURL(/\/roadmap\/ideas\/\d+$/)
    await ari
      .getByRole('region', { name: 'History' })
      .getByRole('link', { name: 'Journey round' })
      .click()
    await ari.waitForURL(roundUrl)
    // The list of rounds gives a closed round's dates in the past tense, not its planned range.
    await ari.goto(`${suite.server.url}/roadmap/rounds`)
    expect(
      await ari
        .getByRole('listitem')
        .filter({ hasText: /^Journey round/ })
        .textContent(),
    ).toMatch(
      /^Journey roundclosed · opened [^,]+, closed [^·]+ · 2 ideas shortlisted · 2 maintainers voted/,
    )
    // The form opening the next round says the deferred idea was deferred, and by a demo decision.
    expect(await ari.getByRole('listitem').filter({ hasText: OTHER_IDEA }).textContent()).toMatch(
      /deferred in Journey round demo decision: a demo action/,
    )
    await ari.goto(roundUrl)

    // The public roadmap shows the agreed effort with its decision and linked issue.
    await ari.goto(`${suite.server.url}/roadmap`)
    const qualityEfforts = ari.locator('section', {
      has: ari.getByRole('heading', { name: 'Quality and testing', level: 3 }),
    })
    const effort = qualityEfforts.locator('li', { hasText: NEW_IDEA }).first()
    expect(await effort.textContent()).toContain('in Journey round')
    expect(await effort.textContent()).toContain('Fuzzing finds what tests miss.')
    expect(
      await effort.getByRole('list', { name: `Linked to ${NEW_IDEA}` }).textContent(),
    ).toContain('mirage/mirage-tcpip#18')
    expect(await ari.locator('main').textContent()).toContain(
      'Ranked ballots (Schulze) from 2 maintainers: Dana (demo maintainer), Ari (second demo maintainer). 2 demo votes: demo actions',
    )
    // Demo maintainers decided it: a demo action on the effort and in the history of rounds.
    expect(await effort.textContent()).toContain('demo decision: a demo action')
    const journeyRound = ari.getByRole('listitem').filter({
      has: ari.getByRole('heading', { name: /^Journey round/ }),
    })
    expect(await journeyRound.textContent()).toContain('demo decision: a demo action')
    // Its linked issue is closed: the effort is done. The demo's source never says on which day
    // an issue closed, so there is no burn-up to draw rather than one on a made-up day.
    const done = qualityEfforts.locator('section', {
      has: ari.getByRole('heading', { name: /^Done/, level: 4 }),
    })
    expect(await done.textContent()).toContain(NEW_IDEA)
    expect(
      await done.getByRole('img', { name: new RegExp(`^Progress of ${escape(NEW_IDEA)}`) }).count(),
    ).toBe(0)
    expect(await done.textContent()).toContain(
      '1 linked issue closed on a day nobody recorded: nothing to chart.',
    )

    // Now agreed, the effort puts its area's label on the issue, and the plan says why.
    await ari.goto(`${suite.server.url}${TCPIP_LABELS}`)
    const why = ari.getByRole('list', { name: 'Why' }).filter({ hasText: NEW_IDEA })
    expect(await why.first().textContent()).toContain(`agreed effort “${NEW_IDEA}”`)
    expect(
      await ari
        .getByRole('list', { name: 'Ideas in ideation in mirage/mirage-tcpip' })
        .filter({ hasText: NEW_IDEA })
        .count(),
    ).toBe(0)

    // The next round is proposed a month later.
    await ari.goto(`${suite.server.url}/roadmap/rounds`)
    expect(await ari.getByRole('heading', { name: 'Open the proposed round' }).count()).toBe(1)
    await ari.context().close()
  })

  test('an anonymous visitor reads the roadmap, the ideas and how we plan, but cannot act', async () => {
    const response = await suite.page.goto(`${suite.server.url}/roadmap/how-we-plan`)
    expect(response?.status()).toBe(200)
    expect(await suite.page.locator('main').textContent()).toContain(
      'Two separate processes, deliberately not conflated',
    )
    await suite.page.goto(`${suite.server.url}/roadmap/ideas`)
    expect(await suite.page.getByRole('button', { name: /^\+1 / }).count()).toBe(0)
    expect(await suite.page.getByRole('link', { name: 'Sign in' }).count()).toBeGreaterThan(0)
  })
})
