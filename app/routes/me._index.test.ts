import { createElement } from 'react'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderInRouter, renderRouteWith } from '../../test/render'
import { callAction, callLoader } from '../../test/route-requests'
import { createAccount, createMaintainer, createProject } from '../../test/starter-factories'
import { FollowByFeed } from '../notifications/ui/follow-by-feed'
import { recordCallDecision } from '../roadmap/decision.server'
import { setPlusOne } from '../roadmap/idea.server'
import { mergeIdea } from '../roadmap/merge.server'
import { makeIdea, makeTarget } from '../roadmap/test-fixtures'
import { answerClaim, replyToClaim } from '../starter/claim-answer.server'
import { claimStarterProject, endClaim, submitClaimFeedback } from '../starter/claim.server'
import { answerGapRequest, createGapRequest } from '../starter/gap-request.server'

import MeRoute, { action, loader } from './me._index'
import { loader as settingsLoader } from './me.settings'
import { loader as inboxLoader } from './notifications._index'
import { loader as decisionsFeedLoader } from './roadmap.decisions[.]atom'
import { loader as starterFeedLoader } from './starter.feed[.]atom'

// The "my work" pages as their loaders answer them: signed out, each sends to the sign-in page
// and back (as every signed-in-only page does); signed in, each shows that person's own things
// and nobody else's.

const getDb = setupTestDatabase()

test('signed out, /me, /me/settings and /notifications send to sign-in and back; posts are 401', async () => {
  for (const [load, path] of [
    [loader, '/me'],
    [settingsLoader, '/me/settings'],
    [inboxLoader, '/notifications'],
  ] as const) {
    const response = await callLoader(load, path)
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/login?returnTo=${encodeURIComponent(path)}`)
  }
  const renew = await callAction(action, '/me?index', {
    intent: 'renew',
    projectId: '1',
    claimId: '1',
  })
  expect(renew.status).toBe(401)
})

test('signed in, /me lists my claims, finished claims, ideas and requests, and nobody else’s', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  const cam = await createAccount(db, 'cam')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const running = await createProject(db, { title: 'TLS bindings', mentors: ['dana'] })
  const done = await createProject(db, { title: 'Docs day' })
  const theirs = await createProject(db, { title: 'Someone else’s' })
  await claimStarterProject(running, noor, db, 30)
  const finished = await claimStarterProject(done, noor, db, 30)
  await endClaim(done, finished.id, noor, 'done', db)
  await claimStarterProject(theirs, cam, db, 30)

  const target = await makeTarget(db)
  const mine = await makeIdea(db, target, 'Faster boot', { authorId: noor.id })
  const survivor = await makeIdea(db, target, 'Boot time budget', { authorId: cam.id })
  await mergeIdea(mine, survivor, dana, db)
  const requestId = await createGapRequest(
    {
      languageLevel: 'none',
      domains: ['storage'],
      time: 'week',
      wantsMentor: true,
      note: 'Disks?',
    },
    noor,
    db,
  )
  const answer = await createProject(db, { title: 'Block device tests' })
  await answerGapRequest(requestId, { projectId: answer }, dana, db)

  const data = (await (await callLoader(loader, '/me', { accountId: noor.id })).json()) as {
    claims: { title: string; is_running: boolean; has_mentors: boolean }[]
    finished: { title: string; outcome: string; reported: boolean }[]
    ideas: { id: number; title: string; status: string; merged_into_title: string | null }[]
    requests: { note: string; answer_project_title: string | null }[]
    queue: unknown
  }
  // A claimant back after a week is pointed to a mentor when the project has one.
  // Just claimed: running, and nothing to renew yet.
  expect(data.claims).toMatchObject([
    { title: 'TLS bindings', is_running: true, is_renewable: false, has_mentors: true },
  ])
  expect(data.finished).toMatchObject([{ title: 'Docs day', outcome: 'done', reported: false }])
  expect(data.ideas).toMatchObject([
    { id: mine, status: 'merged', merged_into_title: 'Boot time budget' },
  ])
  expect(data.requests).toMatchObject([
    { note: 'Disks?', answer_project_title: 'Block device tests' },
  ])
  expect(data.queue).toBeNull()

  const maintainer = (await (await callLoader(loader, '/me', { accountId: dana.id })).json()) as {
    claims: unknown[]
    queue: Record<string, unknown> | null
  }
  expect(maintainer.claims).toEqual([])
  expect(maintainer.queue).not.toBeNull()
})

test('/me names who answered a “nothing fits me” request, a demo person by their demo name', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  // A real maintainer, by her GitHub login.
  const dana = await createMaintainer(db, 'dana')
  // Each a different request: the same one twice in a row is refused as a double send.
  const ask = (domain: string) =>
    createGapRequest(
      { languageLevel: 'none', domains: [domain], time: 'week', wantsMentor: true, note: '' },
      noor,
      db,
    )
  const answered = await ask('storage')
  await answerGapRequest(answered, { projectId: null }, dana, db)
  const waiting = await ask('web')
  const demoAnswered = await ask('tooling')
  const ari = await createAccount(db, 'demo-maintainer-2', 'maintainer')
  await answerGapRequest(demoAnswered, { projectId: null }, ari, db)

  const data = (await (await callLoader(loader, '/me', { accountId: noor.id })).json()) as {
    requests: { id: number; answered_by_name: string | null }[]
  }
  expect(data.requests.map((r) => [r.id, r.answered_by_name])).toEqual([
    [demoAnswered, 'Ari (second demo maintainer)'],
    [waiting, null],
    [answered, 'dana'],
  ])
})

test('signed in, /me lists the ideas I +1’d with where they stand, saying a demo person’s +1 is a demo action', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  const target = await makeTarget(db)
  const idea = await makeIdea(db, target, 'Boot time budget')
  const before = (await (await callLoader(loader, '/me', { accountId: noor.id })).json()) as {
    takenPart: { items: unknown[]; more: number }
  }
  expect(before.takenPart).toEqual({ items: [], more: 0 })

  await setPlusOne(idea, noor, true, db)
  const data = (await (await callLoader(loader, '/me', { accountId: noor.id })).json()) as {
    takenPart: { items: unknown[]; more: number }
    isDemo: boolean
  }
  expect(data.takenPart.items).toMatchObject([
    { id: idea, title: 'Boot time budget', status: 'open', has_plus_one: true },
  ])
  // Its target is named beside its area: a round its standing names is told apart from another
  // target's of the same name.
  expect(data.takenPart.items).toMatchObject([
    { area_name: 'Quality and testing', target_name: 'MirageOS 3.0' },
  ])
  // The page says "You +1’d it (a demo action)" from this: noor is a demo person.
  expect(data.isDemo).toBe(true)
})

test('signed in, /notifications shows my notices and unread count, /me/settings my address', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  const cam = await createAccount(db, 'cam')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const requestId = await createGapRequest(
    { languageLevel: 'none', domains: ['web'], time: 'day', wantsMentor: false, note: '' },
    noor,
    db,
  )
  await answerGapRequest(requestId, { projectId: null }, dana, db)
  await db
    .updateTable('account')
    .set({ email: 'noor@example.org' })
    .where('id', '=', noor.id)
    .execute()

  const inbox = (await (
    await callLoader(inboxLoader, '/notifications', { accountId: noor.id })
  ).json()) as { items: { kind: string }[]; unread: number }
  expect(inbox.items).toMatchObject([{ kind: 'request_answered' }])
  expect(inbox.unread).toBe(1)
  const empty = (await (
    await callLoader(inboxLoader, '/notifications', { accountId: cam.id })
  ).json()) as { items: unknown[]; unread: number }
  expect(empty).toMatchObject({ items: [], unread: 0 })

  const settings = (await (
    await callLoader(settingsLoader, '/me/settings', { accountId: noor.id })
  ).json()) as { email: string | null; emailOffer: string | null }
  expect(settings).toMatchObject({ email: 'noor@example.org', emailOffer: null })
})

test('/me and /me/settings offer the board’s feeds, each saying what it carries, only those that answer', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  const feedsOn = async () => {
    const feeds = await Promise.all(
      [
        [loader, '/me'],
        [settingsLoader, '/me/settings'],
      ].map(async ([load, path]) => {
        const data = await (
          await callLoader(load as typeof loader, path as string, { accountId: noor.id })
        ).json()
        return data.feeds
      }),
    )
    expect(feeds[1]).toEqual(feeds[0])
    const html = await renderInRouter(createElement(FollowByFeed, { feeds: feeds[0] }))
    return { feeds: feeds[0], html, text: html.replace(/<[^>]+>/g, '') }
  }
  // No release target yet: its decisions feed would answer 404, so only the starter feed is offered.
  const before = await feedsOn()
  expect(before.feeds).toEqual({ starter: '/starter/feed.atom', decisions: null })
  expect(before.text).toBe(
    'Follow by feed: new starter projects (the finder’s feed link keeps your background and filters).',
  )

  await makeTarget(db)
  const after = await feedsOn()
  expect(after.text).toBe(
    'Follow by feed: new starter projects (the finder’s feed link keeps your background and filters) · roadmap decisions (each round’s outcome for MirageOS 3.0).',
  )
  // Each link is a feed that answers, as a feed reader will ask for it.
  for (const [load, href] of [
    [starterFeedLoader, after.feeds.starter],
    [decisionsFeedLoader, after.feeds.decisions.href],
  ] as const) {
    expect(after.html).toContain(`href="${href}" type="application/atom+xml"`)
    const response = await callLoader(load, href)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toContain('application/atom+xml')
  }
})

test('/me lists the claims waiting for a mentor’s answer, and shows the newcomer what was answered', async () => {
  const db = getDb()
  const mo = await createAccount(db, 'mo')
  const nia = await createAccount(db, 'nia')
  const project = await createProject(db, { title: 'TCP tests', mentors: ['mo'] })
  const claim = await claimStarterProject(project, nia, db)
  const me = async (accountId: number) => (await callLoader(loader, '/me', { accountId })).json()
  expect((await me(mo.id)).claimsToAnswer).toEqual([
    expect.objectContaining({ id: claim.id, title: 'TCP tests', login: 'nia', is_demo: true }),
  ])
  await answerClaim(project, claim.id, { ...mo, isMaintainer: false }, { message: 'Hi' }, db)
  expect((await me(mo.id)).claimsToAnswer).toEqual([])
  expect((await me(nia.id)).claims[0].answers).toEqual([
    expect.objectContaining({ login: 'mo', message: 'Hi', is_demo: true }),
  ])
})

test('/me shows the newcomer her claim’s thread, her replies as hers, and where to reply while it is her turn', async () => {
  const db = getDb()
  const mo = await createAccount(db, 'mo')
  const nia = await createAccount(db, 'nia')
  const project = await createProject(db, { title: 'TCP tests', mentors: ['mo'] })
  const claim = await claimStarterProject(project, nia, db)
  const asMo = { ...mo, isMaintainer: false }
  await answerClaim(project, claim.id, asMo, { message: 'Welcome!' }, db)
  const page = async () => {
    const data = await (await callLoader(loader, '/me', { accountId: nia.id })).json()
    return (await renderRouteWith(MeRoute, data, '/me')).replace(/<!-- -->/g, '')
  }
  expect(await page()).toContain('Reply on the project')
  await replyToClaim(project, claim.id, nia, { message: 'Where are the tests?' }, db)
  const afterReply = await page()
  expect(afterReply).toMatch(/You replied on .*Where are the tests\?.*demo reply/)
  // Her turn is over until someone answers.
  expect(afterReply).not.toContain('Reply on the project')
  // A reply does not put the claim back in the mentor's queue: she is told by a notice.
  const moData = await (await callLoader(loader, '/me', { accountId: mo.id })).json()
  expect(moData.claimsToAnswer).toEqual([])
  await answerClaim(project, claim.id, asMo, { message: null }, db)
  expect(await page()).toMatch(/mo \(demo person\) has seen your reply \(.*Reply on the project/)
})

test('a claim that ended keeps the mentor’s answer in the newcomer’s history on /me', async () => {
  const db = getDb()
  const mo = await createAccount(db, 'mo')
  const nia = await createAccount(db, 'nia')
  const project = await createProject(db, { title: 'TCP tests', mentors: ['mo'] })
  const claim = await claimStarterProject(project, nia, db)
  await answerClaim(
    project,
    claim.id,
    { ...mo, isMaintainer: false },
    { message: 'Start with the RST test.' },
    db,
  )
  await endClaim(project, claim.id, nia, 'done', db)
  const data = await (await callLoader(loader, '/me', { accountId: nia.id })).json()
  expect(data.claims).toEqual([])
  expect(data.finished).toEqual([
    expect.objectContaining({
      id: claim.id,
      answers: [expect.objectContaining({ login: 'mo', message: 'Start with the RST test.' })],
    }),
  ])
  const html = await renderRouteWith(MeRoute, data, '/me')
  expect(html).toContain('Start with the RST test.')
})

test('/me says a round deferred my idea back to ideation, not a bare “In ideation”', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const target = await makeTarget(db)
  const deferred = await makeIdea(db, target, 'Solo5 backends now?', { authorId: cam.id })
  await makeIdea(db, target, 'Office hours', { authorId: cam.id })
  await recordCallDecision(
    {
      releaseTargetId: target.targetId,
      name: 'Call of 3 February 2016',
      decidedAt: new Date('2016-02-03T16:00:00Z'),
      sourceKey: 'call-2016-02-03',
      sourceUrl: null,
      rationale: 'Nothing agreed on this call.',
      outcomes: [
        {
          ideaId: deferred,
          outcome: 'deferred',
          disposition: 'ideation',
          reason: 'the notes record no answer',
        },
      ],
    },
    db,
  )
  const data = await (await callLoader(loader, '/me', { accountId: cam.id })).json()
  const html = (await renderRouteWith(MeRoute, data, '/me'))
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, '')
  // (cam is a demo person here: "demo idea" follows each title.)
  expect(html).toMatch(
    /Solo5 backends now\?( demo idea)? \(MirageOS 3\.0\): Back in ideation: deferred in Call of 3 February 2016 \(the notes record no answer\)/,
  )
  // An idea no round looked at is simply in ideation.
  expect(html).toMatch(/Office hours( demo idea)? \(MirageOS 3\.0\): In ideation/)
})

test('/me with no claim running offers the next project a step up from the last one she finished and reported', async () => {
  const db = getDb()
  const ana = await createAccount(db, 'ana')
  const page = async () => {
    const data = await (await callLoader(loader, '/me', { accountId: ana.id })).json()
    return { data, html: (await renderRouteWith(MeRoute, data, '/me')).replace(/<!-- -->/g, '') }
  }
  const finished = await createProject(db, {
    primaryDomain: 'tooling',
    secondaryDomains: ['web'],
    languageStars: 1,
  })
  const claim = await claimStarterProject(finished, ana, db)
  await endClaim(finished, claim.id, ana, 'done', db)
  // Not reported yet: the report is asked for first, and nothing says what she met.
  expect((await page()).html).toContain('href="/starter">Find one</a>.')

  await submitClaimFeedback(
    finished,
    claim.id,
    ana,
    { languageStars: 1, domainStars: 1, timeTaken: 'day', note: '' },
    db,
  )
  const reported = await page()
  expect(reported.data.nextProject.href).toBe('/starter?level=some&know=web&know=tooling')
  expect(reported.html).toContain(
    'Find your next one, a step up</a>: the finder opens set to OCaml up to 2★ and web and tooling as domains you know.',
  )

  // Her last claim stopped: no step up.
  const stopped = await createProject(db, { primaryDomain: 'tooling', languageStars: 2 })
  const second = await claimStarterProject(stopped, ana, db)
  await endClaim(stopped, second.id, ana, 'abandoned', db)
  await submitClaimFeedback(
    stopped,
    second.id,
    ana,
    { languageStars: 3, domainStars: 2, timeTaken: 'week', note: '' },
    db,
  )
  expect((await page()).data.nextProject).toBeNull()
})
