import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import {
  createAccount,
  createGitHubAccount,
  createMaintainer,
  createProject,
} from '../../test/starter-factories'
import { loadDemoData } from '../demo/demo.server'
import { castBallot } from '../roadmap/ballot.server'
import { closeRound } from '../roadmap/decision.server'
import { createIdea, setPlusOne } from '../roadmap/idea.server'
import { openRound } from '../roadmap/round.server'
import { closeOnTopIdea, makeIdea, makePerson, makeTarget } from '../roadmap/test-fixtures'
import { answerClaim } from '../starter/claim-answer.server'
import { claimStarterProject, endClaim, releaseClaim } from '../starter/claim.server'
import {
  listOpenMentorOffers,
  offerToMentor,
  settleMentorOffer,
} from '../starter/mentor-offer.server'
import { NOTHING_RATED } from '../starter/supply'
import { finishWithReport } from '../starter/test-fixtures'
import { DEFAULT_STARTER_DOMAINS } from '../utils/env.server'
import { Refusal } from '../utils/refusal'

import { digestMarkdown } from './compose'
import { loadDigest } from './digest.server'
import { DIGEST_ITEM_MAX_LENGTH, DIGEST_ITEMS_SHOWN } from './items'
import { createDigestItem, deleteDigestItem } from './items.server'
import { parseDigestPeriod } from './period'

// The agenda read from a real database: the starter sections come from the starter queries,
// items added by hand from digest_item.

const getDb = setupTestDatabase()
const settings = { domains: ['networking', 'security'], driftThreshold: 0.75, driftMinReports: 2 }
// The board's public address, where the agenda's links go.
const origin = 'https://board.example.org'

test('a domain whose open projects are only unrated waits for a rating on the agenda; it is not named as run dry', async () => {
  const db = getDb()
  // One project rated somewhere (3★, so security still has no 1★): before the first rating the
  // agenda names no domain at all, as the supply page does (the next test).
  await createProject(db, {
    title: 'Hard one',
    primaryDomain: 'security',
    languageStars: 3,
    domainStars: 3,
  })
  for (const title of ['Unrated one', 'Unrated two'])
    await createProject(db, {
      title,
      primaryDomain: 'networking',
      languageStars: null,
      domainStars: null,
    })
  const digest = await loadDigest(parseDigestPeriod('2w', new Date()), db, settings)
  expect(digest.starterSupply.dryDomains).toEqual(['security'])
  expect(digest.starterSupply.waitingForRating).toEqual([{ domain: 'networking', unrated: 2 }])
  const markdown = digestMarkdown(digest, origin)
  expect(markdown).toContain(
    `- [1★ supply waits for ratings](${origin}/starter/supply) in networking (2 projects): [rate them](${origin}/starter/triage?domain=networking) (maintainers only) before writing new projects.`,
  )
  expect(markdown).toContain(
    `- [1★ supply has run dry](${origin}/starter/supply): no open, unclaimed project rated 1★ on both axes left in these domains: security`,
  )
})

test('before any starter project is rated, the agenda says so as the supply page does, and names no domain run dry', async () => {
  const db = getDb()
  await createProject(db, {
    title: 'Unrated one',
    primaryDomain: 'networking',
    languageStars: null,
    domainStars: null,
  })
  const digest = await loadDigest(parseDigestPeriod('2w', new Date()), db, settings)
  expect(digest.starterSupply).toMatchObject({
    isAnyRated: false,
    dryDomains: [],
    waitingForRating: [],
  })
  const markdown = digestMarkdown(digest, origin)
  expect(markdown).toContain(
    `## Starter projects\n\n- ${NOTHING_RATED} [Rate some in triage](${origin}/starter/triage) (maintainers only).\n`,
  )
  expect(markdown).not.toContain('run dry')
  expect(markdown).not.toContain('waits for ratings')
})

test('the starter sections: dry domains, new and finished projects, claims lapsing', async () => {
  const db = getDb()
  const amy = await createAccount(db, 'amy')
  const open = await createProject(db, { title: 'Open one', primaryDomain: 'networking' })
  const finished = await createProject(db, { title: 'Done one', primaryDomain: 'security' })
  const running = await claimStarterProject(open, amy, db, 5)
  const claim = await claimStarterProject(finished, amy, db, 30)
  await endClaim(finished, claim.id, amy, 'done', db)
  // Released: its page says "Nobody yet", so the agenda must not call it claimed without a word.
  const mia = await createAccount(db, 'mia', 'maintainer')
  const letGo = await createProject(db, { title: 'Let go', primaryDomain: 'storage' })
  const released = await claimStarterProject(letGo, amy, db, 30)
  await releaseClaim(letGo, released.id, mia, { confirmed: true }, db)
  // A maintainer answers the running claim: the agenda counts it answered, the others not.
  await answerClaim(open, running.id, { ...mia, isMaintainer: true }, { message: null }, db)

  // A minute after the writes: the database stamps them with now() to the microsecond, so a
  // period ending at this very millisecond could end just before the claim did.
  const now = new Date(Date.now() + 60_000)
  const digest = await loadDigest(parseDigestPeriod('2w', now), db, settings)

  // The open networking project is claimed, the security one done: no 1★ left anywhere.
  expect(digest.starterSupply.dryDomains).toEqual(['networking', 'security'])
  expect(digest.starterSupply.waitingForRating).toEqual([])
  expect(digest.starterSupply.newProjects.map((p) => p.title)).toEqual([
    'Open one',
    'Done one',
    'Let go',
  ])
  // Each claim made in the period says what became of it, by the claim panel's rule.
  expect(digest.starterSupply.startedClaims).toMatchObject([
    { title: 'Open one', login: 'amy', now: 'running', answeredAt: expect.any(Date) },
    { title: 'Done one', login: 'amy', now: 'done', answeredAt: null },
    { title: 'Let go', login: 'amy', now: 'released', answeredAt: null },
  ])
  expect(digestMarkdown(digest, origin)).toMatch(
    new RegExp(
      `- \\[Let go\\]\\(${origin}/starter/${letGo}\\) \\(project ${letGo}\\), by amy \\(demo person\\) on [\\d-]+, a demo action; since released by a maintainer; not answered\n`,
    ),
  )

  expect(digestMarkdown(digest, origin)).toContain(
    '1 of 3 claims (all demo actions) answered by a mentor or maintainer by',
  )
  expect(digest.starterSupply.finishedProjects).toMatchObject([{ title: 'Done one', login: 'amy' }])
  expect(digest.starterSupply.lapsingClaims).toMatchObject([{ title: 'Open one', login: 'amy' }])
  expect(digest.ratingDrift).toEqual({ shown: [], total: 0 })
})

test('a lone report far from the rating, too few to flag, is on the agenda apart from the drift, linked to its calibration entry', async () => {
  const db = getDb()
  const ghost = await createGitHubAccount(db, 'ghost')
  const cam = await createAccount(db, 'cam')
  const lone = await createProject(db, { title: 'Lone', languageStars: 1, domainStars: 2 })
  await finishWithReport(db, lone, ghost, { languageStars: 3, domainStars: 2 })
  const byCam = await createProject(db, { title: 'By Cam', languageStars: 1, domainStars: 2 })
  await finishWithReport(db, byCam, cam, { languageStars: 2, domainStars: 2 })

  const now = new Date(Date.now() + 60_000)
  const digest = await loadDigest(parseDigestPeriod('2w', now), db, settings)
  expect(digest.ratingDrift).toEqual({ shown: [], total: 0 })
  expect(digest.loneDisagreements.total).toBe(2)
  const markdown = digestMarkdown(digest, origin)
  const section = markdown.slice(
    markdown.indexOf('## Rating drift'),
    markdown.indexOf('## Efforts'),
  )
  expect(section).toContain('No rating flagged.')
  expect(section).toContain(
    `Too few reports to flag yet, each far from the rating ([listed apart on calibration](${origin}/starter/calibration#too-few-heading), maintainers only)`,
  )
  // The largest disagreement first, each linked to its project and to its entry's re-rate.
  expect(section).toContain(
    `- [Lone](${origin}/starter/${lone}) (project ${lone}), OCaml: rated 1★, contributors say 3★ over 1 report; [re-rate it](${origin}/starter/calibration#drift-${lone}-language)\n- [By Cam](${origin}/starter/${byCam}) (project ${byCam}), OCaml: rated 1★, contributors say 2★ over 1 report, a demo action; [re-rate it](${origin}/starter/calibration#drift-${byCam}-language)\n`,
  )

  // One report is enough under a rule asking for one: it is drift then, not listed apart.
  const oneReport = await loadDigest(parseDigestPeriod('2w', now), db, {
    ...settings,
    driftMinReports: 1,
  })
  expect(oneReport.ratingDrift.total).toBe(2)
  expect(digestMarkdown(oneReport, origin)).not.toContain('Too few reports to flag yet')
})

const day = (iso: string) => new Date(`${iso}T09:00:00Z`)
const DAY_MS = 24 * 60 * 60 * 1000

test("an item added on Monday with 2w is on the agenda of Thursday's 2w, and of no period ending before Monday", async () => {
  const db = getDb()
  const mia = await createAccount(db, 'mia', 'maintainer')
  const monday = day('2026-11-30')
  const item = await createDigestItem(
    parseDigestPeriod('2w', monday),
    '  Release   date\nfor DNS ',
    mia,
    db,
  )
  expect(item.text).toBe('Release date for DNS')

  const thursday = await loadDigest(parseDigestPeriod('2w', day('2026-12-03')), db, settings)
  expect(thursday.items).toMatchObject([{ text: 'Release date for DNS', login: 'mia' }])
  expect(digestMarkdown(thursday, origin)).toContain(
    '## Added by hand\n\n- Release date for DNS (mia (demo person), a demo action)',
  )
  const month = await loadDigest(parseDigestPeriod('1m', day('2026-12-10')), db, settings)
  expect(month.items.map((i) => i.id)).toEqual([item.id])

  const before = await loadDigest(parseDigestPeriod('2w', day('2026-11-29')), db, settings)
  expect(before.items).toEqual([])
  const after = await loadDigest(parseDigestPeriod('2026-12-01', day('2026-12-03')), db, settings)
  expect(after.items).toEqual([])
})

test('an item added on Monday can be taken off on Thursday', async () => {
  const db = getDb()
  const mia = await createAccount(db, 'mia', 'maintainer')
  const item = await createDigestItem(parseDigestPeriod('2w', day('2026-11-30')), 'Gone', mia, db)
  const thursday = parseDigestPeriod('2w', day('2026-12-03'))
  await deleteDigestItem(thursday, item.id, db)
  expect((await loadDigest(thursday, db, settings)).items).toEqual([])
})

test('taking off an item added outside the period shown is a 404, and the item stays', async () => {
  const db = getDb()
  const mia = await createAccount(db, 'mia', 'maintainer')
  const item = await createDigestItem(parseDigestPeriod('2w', day('2026-11-30')), 'Kept', mia, db)
  const earlier = parseDigestPeriod('2w', day('2026-11-29'))
  await expect(deleteDigestItem(earlier, item.id, db)).rejects.toMatchObject({ status: 404 })
  const thursday = await loadDigest(parseDigestPeriod('2w', day('2026-12-03')), db, settings)
  expect(thursday.items.map((i) => i.text)).toEqual(['Kept'])
})

test.each([
  ['   ', /empty/],
  ['x'.repeat(DIGEST_ITEM_MAX_LENGTH + 1), /at most 500 characters; this one has 501/],
])('an item %# is refused with the reason, nothing stored', async (text, reason) => {
  const db = getDb()
  const mia = await createAccount(db, 'mia', 'maintainer')
  const attempt = createDigestItem(parseDigestPeriod('2w', day('2026-12-04')), text, mia, db)
  await expect(attempt).rejects.toThrow(Refusal)
  await expect(attempt).rejects.toThrow(reason)
  const rows = await db.selectFrom('digest_item').select('id').execute()
  expect(rows).toEqual([])
})

test("at most 30 items in 14 days: a fortnight's agenda lists them all", async () => {
  const db = getDb()
  const mia = await createAccount(db, 'mia', 'maintainer')
  const start = day('2026-11-01').getTime()
  // One every 10 hours: all 30 within 13 days; two days later the first ones no longer count.
  for (let i = 0; i < DIGEST_ITEMS_SHOWN; i++) {
    const at = new Date(start + (i * DAY_MS * 10) / 24)
    await createDigestItem(parseDigestPeriod('1d', at), `Item ${i}`, mia, db)
  }
  const full = parseDigestPeriod('1d', new Date(start + 13 * DAY_MS))
  await expect(createDigestItem(full, 'One too many', mia, db)).rejects.toThrow(
    /already has 30 items added by hand in the last 14 days/,
  )
  const later = parseDigestPeriod('1d', new Date(start + 15 * DAY_MS))
  await expect(createDigestItem(later, 'Item 30', mia, db)).resolves.toMatchObject({
    text: 'Item 30',
  })
})

test('a period holding more items than an agenda lists shows the latest and counts the rest', async () => {
  const db = getDb()
  const mia = await createAccount(db, 'mia', 'maintainer')
  const start = day('2026-10-01').getTime()
  for (let i = 0; i < DIGEST_ITEMS_SHOWN + 2; i++)
    await createDigestItem(
      parseDigestPeriod('1d', new Date(start + i * DAY_MS)),
      `Item ${i}`,
      mia,
      db,
    )

  const digest = await loadDigest(parseDigestPeriod('2026-10-01', day('2026-12-01')), db, settings)
  expect(digest.items.map((i) => i.text)).toEqual(
    Array.from({ length: DIGEST_ITEMS_SHOWN }, (_, i) => `Item ${i + 2}`),
  )
  expect(digest.earlierItems).toBe(2)
  expect(digestMarkdown(digest, origin)).toContain(
    `- Item 31 (mia (demo person), a demo action)\n- and 2 added earlier in the period, not listed\n`,
  )
})

test('the agenda marks what demo people did (claims, requests, reports, ratings) as demo actions', async () => {
  await loadDemoData(getDb())
  // A minute after the demo's writes, as above.
  const now = new Date(Date.now() + 60_000)
  const markdown = digestMarkdown(
    await loadDigest(parseDigestPeriod('2w', now), getDb(), {
      domains: [...DEFAULT_STARTER_DOMAINS],
      driftThreshold: 0.75,
      driftMinReports: 2,
    }),
    origin,
  )
  // Demo people by their demo names, as every page names them: the two who finished the demo's
  // project, and every claim the demo made.
  const finished = markdown.slice(
    markdown.indexOf('### Finished'),
    markdown.indexOf('### Claims lapsing'),
  )
  expect(
    finished.match(
      /, by (Lee \(seeded demo contributor\)|Rin \(seeded demo newcomer\)) on \d{4}-\d{2}-\d{2}, a demo action\n/g,
    ),
  ).toHaveLength(2)
  const claimed = markdown.slice(
    markdown.indexOf('### Claimed in the period'),
    markdown.indexOf('### Finished'),
  )
  expect(claimed).toMatch(
    /^### Claimed in the period\n\n\d+ of \d+ claims? \((all demo actions|both demo actions|a demo action)\) answered by a mentor or maintainer by [\d-]+; \d+ not\.\n\n- /,
  )
  expect(claimed.split('\n').filter((line) => line.startsWith('- '))).toEqual(
    claimed
      .split('\n')
      .filter((line) =>
        /, by \S+ \((seeded )?demo [a-z ]+\) on \d{4}-\d{2}-\d{2}, a demo action; (still claimed|since [a-z ]+); (not answered|answered [\d-]+ \(a demo answer, a demo action\))$/.test(
          line,
        ),
      ),
  )
  expect(markdown).not.toMatch(/demo-(seed-)?(maintainer|contributor|newcomer)/)
  expect(markdown).toMatch(
    /- \[request (\d+)\]\(https:\/\/board\.example\.org\/starter\/gaps#request-\1\) \([\d-]+, maintainers only\): OCaml: New to it · knows storage \(a demo person’s request\)/,
  )
  expect(markdown).toContain(
    // In the calibration page's words ("OCaml", "3★"), which the project's link leads to.
    'OCaml: rated 2★, contributors say 3★ over 2 reports, both demo actions; rated by Sam (seeded demo maintainer), a demo rating',
  )
  expect(markdown).not.toMatch(/by demo-[a-z-]+ on /)
})

test('stale work on a source without times of activity (the demo) reads "or later", as the stale page does', async () => {
  await loadDemoData(getDb())
  const markdown = digestMarkdown(
    await loadDigest(parseDigestPeriod('2w', new Date(Date.now() + 60_000)), getDb(), settings),
    origin,
  )
  expect(markdown).toContain(
    `- [mirage/ocaml-git](${origin}/issues/stale?repo=mirage%2Focaml-git&months=6): 1 stale item, oldest untouched since 2014-12-18 or later\n`,
  )
  expect(markdown).not.toMatch(/oldest untouched since \d{4}-\d\d-\d\d\n/)
})

test('the agenda marks the ideas, rounds, decisions and projects of demo people as demo actions, and only theirs', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'demo-maintainer', 'maintainer')
  const real = await createGitHubAccount(db, 'avsm')
  const opens = new Date('2027-03-01T09:00:00Z')
  const during = new Date('2027-03-04T09:00:00Z')
  const idea = (title: string, authorId: number, createdAt: Date) =>
    createIdea(
      {
        releaseTargetId: target.targetId,
        areaId: target.areas.quality,
        title,
        description: '',
        authorId,
        createdAt,
      },
      [],
      db,
    )
  const demoIdea = await idea('Reproducible builds', dana.id, opens)
  const realIdea = await idea('Security advisories', real.id, opens)
  // One +1 from a demo person, one from someone real (not its author, who cannot +1 her own):
  // the count says which part is demo.
  await setPlusOne(realIdea, dana, true, db)
  await setPlusOne(realIdea, await createGitHubAccount(db, 'hannesm'), true, db)
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'March round',
      opensAt: opens,
      shortlist: [demoIdea, realIdea],
    },
    dana,
    opens,
    db,
  )
  await castBallot(roundId, dana, [{ id: demoIdea, rank: 1 }], during, db)
  await closeOnTopIdea(db, roundId, [demoIdea, realIdea], dana, during, {
    rationale: 'First things first.',
    reason: 'Later.',
  })
  await createProject(db, { title: 'Demo-tagged project' }, dana)
  await createProject(db, { title: 'Hand-tagged project' }, real)

  const markdown = digestMarkdown(
    await loadDigest(parseDigestPeriod('1m', new Date(Date.now() + 60_000)), db, settings),
    origin,
  )
  const period = digestMarkdown(
    await loadDigest(parseDigestPeriod('2w', during), db, settings),
    origin,
  )

  const ideaPage = (id: number) => `${origin}/roadmap/ideas/${id}`
  const round = `${origin}/roadmap/rounds/${roundId}`
  expect(period).toContain(
    `- [Reproducible builds](${ideaPage(demoIdea)}) (idea ${demoIdea}) (a demo action)\n`,
  )
  expect(period).toContain(
    `- [Security advisories](${ideaPage(realIdea)}) (idea ${realIdea}, 2 people interested, 1 of them a demo action)\n`,
  )
  expect(period).toContain(
    `- [March round](${round}) (MirageOS 3.0) (a demo action) opened 2027-03-01`,
  )
  expect(period).toContain(
    `- [March round](${round}) (MirageOS 3.0), 2027-03-04 (1 maintainer voted) (a demo action): agreed: [Reproducible builds](${ideaPage(demoIdea)})`,
  )
  expect(markdown).toMatch(
    /- \[Demo-tagged project\]\(https:\/\/board\.example\.org\/starter\/(\d+)\) \(project \1, networking\) \(a demo action\)\n/,
  )
  expect(markdown).toMatch(
    /- \[Hand-tagged project\]\(https:\/\/board\.example\.org\/starter\/(\d+)\) \(project \1, networking\)\n/,
  )
})

test('a round opened and closed early in the period reads as opened and closed, with the round it proposed and the reasons recorded', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'demo-maintainer', 'maintainer')
  const opens = new Date('2027-03-01T09:00:00Z')
  const during = new Date('2027-03-04T09:00:00Z')
  const idea = (title: string) =>
    createIdea(
      {
        releaseTargetId: target.targetId,
        areaId: target.areas.quality,
        title,
        description: '',
        authorId: dana.id,
        createdAt: opens,
      },
      [],
      db,
    )
  const [builds, advisories, fuzzing] = [
    await idea('Reproducible builds'),
    await idea('Security advisories'),
    await idea('Fuzzing'),
  ]
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'March round',
      opensAt: opens,
      shortlist: [builds, advisories, fuzzing],
    },
    dana,
    opens,
    db,
  )
  await castBallot(roundId, dana, [{ id: builds, rank: 1 }], during, db)
  await closeRound(
    roundId,
    {
      method: 'picked',
      agreedIdeaIds: [builds],
      rationale: 'First things first.',
      others: [
        { ideaId: advisories, outcome: 'deferred', disposition: 'ideation', reason: 'After 4.0.' },
        { ideaId: fuzzing, outcome: 'declined', disposition: 'archived', reason: 'Out of scope.' },
      ],
    },
    dana,
    during,
    db,
  )

  const markdown = digestMarkdown(
    await loadDigest(parseDigestPeriod('2w', during), db, settings),
    origin,
  )
  const proposed = await db
    .selectFrom('round')
    .select('id')
    .where('name', '=', 'April 2027 round')
    .executeTakeFirstOrThrow()
  const rounds = markdown.slice(markdown.indexOf('## Rounds'), markdown.indexOf('## Decisions'))
  expect(rounds).toBe(
    [
      '## Rounds',
      '',
      `- [March round](${origin}/roadmap/rounds/${roundId}) (MirageOS 3.0) (a demo action) opened 2027-03-01, closed 2027-03-04 (planned to close 2027-04-01), decision below`,
      `- [April 2027 round](${origin}/roadmap/rounds/${proposed.id}) (MirageOS 3.0) (a demo action) proposed, to open 2027-04-01 once a maintainer picks its shortlist`,
      '',
      '',
    ].join('\n'),
  )
  expect(markdown).toContain(
    `- [March round](${origin}/roadmap/rounds/${roundId}) (MirageOS 3.0), 2027-03-04 (1 maintainer voted) (a demo action): agreed: [Reproducible builds](${origin}/roadmap/ideas/${builds}) · deferred: [Security advisories](${origin}/roadmap/ideas/${advisories}) (“After 4.0.”) · declined: [Fuzzing](${origin}/roadmap/ideas/${fuzzing}) (“Out of scope.”)\n`,
  )
})

test('a new starter project is listed under "New starter projects", linked by its title, brackets escaped', async () => {
  const db = getDb()
  const project = await createProject(db, {
    title: 'DNS [resolver] (v2',
    primaryDomain: 'networking',
  })
  const markdown = digestMarkdown(
    await loadDigest(parseDigestPeriod('2w', new Date(Date.now() + 60_000)), db, settings),
    origin,
  )
  expect(markdown).toContain(
    `### New starter projects\n\n- [DNS \\[resolver\\] \\(v2](${origin}/starter/${project}) (project ${project}, networking)\n`,
  )
})

test('a round opened in the period for a later day is on the agenda as scheduled; one opened before the board kept when is not', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const [a, b] = [
    await makeIdea(db, target, 'Fuzz the stack'),
    await makeIdea(db, target, 'Better docs'),
  ]
  // Scheduled on 2 December, two days into a fortnight's agenda, for 10 January.
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: '',
      opensAt: new Date('2027-01-10T00:00:00Z'),
      shortlist: [a, b],
    },
    dana,
    day('2026-12-02'),
    db,
  )
  const agenda = async () =>
    digestMarkdown(
      await loadDigest(parseDigestPeriod('2w', day('2026-12-04')), db, settings),
      origin,
    )
  const line = `- [January 2027 round](${origin}/roadmap/rounds/${roundId}) (MirageOS 3.0) (a demo action) scheduled to open on 2027-01-10`
  expect(await agenda()).toContain(line)
  // As a round opened before the column existed: when it was opened is unknown, not guessed.
  await db.updateTable('round').set({ opened_at: null }).where('id', '=', roundId).execute()
  expect(await agenda()).not.toContain('scheduled to open')
})

test('offers to mentor waiting are on the agenda, counted per open project and linked to its offers, never naming who offered', async () => {
  const db = getDb()
  const [dana, kim, nia] = [
    await createMaintainer(db, 'dana'),
    await createGitHubAccount(db, 'kim'),
    await createAccount(db, 'nia'),
  ]
  const tcp = await createProject(db, { title: 'TCP tests', mentors: [] })
  const dns = await createProject(db, { title: 'DNS tests', mentors: [] })
  const done = await createProject(db, { title: 'Done already', mentors: [] })
  const settled = await createProject(db, { title: 'Settled', mentors: [] })
  const offer = (projectId: number, who: { id: number; login: string }) =>
    offerToMentor(projectId, { ...who, isMaintainer: false }, db)
  await offer(tcp, kim)
  await offer(tcp, nia)
  await offer(dns, nia)
  await offer(done, kim)
  await offer(settled, kim)
  const offeredOn = (projectId: number, iso: string) =>
    db
      .updateTable('mentor_offer')
      .set({ offered_at: day(iso) })
      .where('project_id', '=', projectId)
      .execute()
  await offeredOn(tcp, '2026-11-20')
  await offeredOn(dns, '2026-12-01')
  await db.updateTable('starter_project').set({ status: 'done' }).where('id', '=', done).execute()
  const [settledOffer] = await listOpenMentorOffers(settled, db)
  await settleMentorOffer(
    settled,
    settledOffer!.id,
    'declined',
    { ...dana, isMaintainer: true },
    db,
  )

  const digest = await loadDigest(
    parseDigestPeriod('2w', new Date(Date.now() + 60_000)),
    db,
    settings,
  )
  expect(digest.starterSupply.mentorOffers).toEqual([
    { projectId: tcp, title: 'TCP tests', offers: 2, demoOffers: 1, oldestAt: day('2026-11-20') },
    { projectId: dns, title: 'DNS tests', offers: 1, demoOffers: 1, oldestAt: day('2026-12-01') },
  ])
  const markdown = digestMarkdown(digest, origin)
  expect(markdown).toContain(
    '### Offers to mentor waiting\n\n' +
      'Maintainers add or decline each offer on the project’s page (maintainers only).\n\n' +
      `- [TCP tests](${origin}/starter/${tcp}#mentor-offers-heading) (project ${tcp}): 2 offers (1 of them a demo action), the oldest made 2026-11-20\n` +
      `- [DNS tests](${origin}/starter/${dns}#mentor-offers-heading) (project ${dns}): 1 offer (a demo action), made 2026-12-01\n`,
  )
  // The offers show to maintainers only; the agenda is public and posted on GitHub.
  expect(markdown).not.toMatch(/kim|nia/)
})

test('with no offer to mentor waiting, the agenda says so', async () => {
  const digest = await loadDigest(parseDigestPeriod('2w', new Date()), getDb(), settings)
  expect(digest.starterSupply.mentorOffers).toEqual([])
  expect(digestMarkdown(digest, origin)).toContain('### Offers to mentor waiting\n\nNone.\n')
})
