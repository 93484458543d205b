import { createElement } from 'react'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { renderInRouter, renderRouteWith } from '../../test/render'
import { callAction, callLoader } from '../../test/route-requests'
import {
  createAccount,
  createGitHubAccount,
  createMaintainer,
  createProject,
} from '../../test/starter-factories'
import { setFollowing } from '../notifications/inbox.server'
import { FollowByFeed } from '../notifications/ui/follow-by-feed'
import { recordCallDecision } from '../roadmap/decision.server'
import { addComment, setPlusOne } from '../roadmap/idea.server'
import { mergeIdea } from '../roadmap/merge.server'
import { makeIdea, makeTarget } from '../roadmap/test-fixtures'
import { answerClaim, replyToClaim } from '../starter/claim-answer.server'
import { claimStarterProject, endClaim, submitClaimFeedback } from '../starter/claim.server'
import { answerGapRequest, createGapRequest } from '../starter/gap-request.server'

import MeRoute, { action, loader } from './me._index'
import { loader as settingsLoader } from './me.settings'
import { loader as inboxLoader } from './notifications._index'
import { loader as decisionsFeedLoader } from './roadmap.decisions[.]atom'
import { action as projectAction } from './starter.$id'
import { loader as starterFeedLoader } from './starter.feed[.]atom'

// The "my work" pages as their loaders answer them: signed out, each sends to the sign-in page
// and back (as every signed-in-only page does); signed in, each shows that person's own things
// and nobody else's.

const getDb = setupTestDatabase()

/** The text of /me's Following section, as the account reads it. */
async function followingText(accountId: number) {
  const data = await (await callLoader(loader, '/me', { accountId })).json()
  const html = (await renderRouteWith(MeRoute, data, '/me')).replace(/<!-- -->/g, '')
  return (/aria-labelledby="following-heading"[^]*?<\/section>/.exec(html)?.[0] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

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
    claims: { title: string; is_running: boolean; ask: { kind: string } }[]
    finished: { title: string; outcome: string; reported: boolean }[]
    ideas: { id: number; title: string; status: string; merged_into_title: string | null }[]
    requests: { note: string; answer_project_title: string | null }[]
    queue: unknown
  }
  // A claimant back after a week is pointed to a mentor when the project has one to reach.
  // Just claimed: running, and nothing to renew yet.
  expect(data.claims).toMatchObject([
    { title: 'TLS bindings', is_running: true, is_renewable: false, ask: { kind: 'mentors' } },
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

test('/me puts my claims first and the feeds last: a newcomer’s first look after claiming is her claim', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  const project = await createProject(db, { title: 'TLS bindings' })
  await claimStarterProject(project, noor, db, 30)
  const data = await (await callLoader(loader, '/me', { accountId: noor.id })).json()
  const text = (await renderRouteWith(MeRoute, data, '/me')).replace(/<[^>]+>/g, ' ')
  const claims = text.indexOf('My claims')
  const claimed = text.indexOf('TLS bindings')
  const feeds = text.indexOf('Follow by feed')
  expect(claims).toBeGreaterThan(-1)
  expect(claimed).toBeGreaterThan(claims)
  expect(feeds).toBeGreaterThan(claimed)
  // Under a heading of their own, after every other section.
  expect(text.lastIndexOf('Feeds')).toBeLessThan(feeds)
  expect(text.indexOf('My “nothing fits me” requests')).toBeLessThan(text.lastIndexOf('Feeds'))
})

test('an ended claim on /me says what she reported beside the project’s rating, not only that she reported', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const project = await createProject(db, {
    title: 'IMAP client',
    primaryDomain: 'tooling',
    secondaryDomains: ['networking'],
    languageStars: 1,
    domainStars: null,
  })
  const claim = await claimStarterProject(project, cam, db, 30)
  await endClaim(project, claim.id, cam, 'done', db)
  await submitClaimFeedback(
    project,
    claim.id,
    cam,
    { languageStars: 3, domainStars: 1, timeTaken: 'week', note: '' },
    db,
  )
  const data = await (await callLoader(loader, '/me', { accountId: cam.id })).json()
  const text = (await renderRouteWith(MeRoute, data, '/me'))
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
  // The domain axis is the primary domain's, as the report form asked it; unrated says so.
  expect(text).toContain(
    'you reported OCaml 3★ and tooling 1★; it is rated OCaml 1★ and tooling unrated',
  )
  expect(text).not.toContain('you reported the difficulty')
})

test('/me’s “Stuck?” points where one can ask: a mentor to reach, else the repository, else nothing', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  await createAccount(db, 'dana', 'maintainer')
  // An old list's mentor is a name alone: no way to reach her on the board or on GitHub.
  const reachable = await createProject(db, { title: 'A Mentored', mentors: ['dana'] })
  const repository = await createProject(db, {
    title: 'B Telnet',
    mentors: ['Hannes Mehnert'],
    repos: ['hannesm/telnet'],
  })
  const nowhere = await createProject(db, { title: 'C Nowhere', mentors: ['Hannes Mehnert'] })
  for (const project of [reachable, repository, nowhere]) {
    await claimStarterProject(project, noor, db, 30)
  }
  const data = await (await callLoader(loader, '/me', { accountId: noor.id })).json()
  const html = (await renderRouteWith(MeRoute, data, '/me')).replace(/<!-- -->/g, '')
  const claimLine = (title: string) => {
    const start = html.indexOf(title)
    return html.slice(start, html.indexOf('</li>', start)).replace(/<[^>]+>/g, '')
  }
  expect(claimLine('A Mentored')).toContain('Stuck? Ask a mentor')
  expect(html).toContain(`href="/starter/${reachable}#mentors"`)
  expect(claimLine('B Telnet')).toContain(
    'Stuck? Ask its maintainers in an issue on hannesm/telnet',
  )
  expect(html).toContain('href="https://github.com/hannesm/telnet/issues"')
  expect(claimLine('C Nowhere')).not.toContain('Stuck?')
  expect(html).not.toContain(`href="/starter/${repository}#mentors"`)
  expect(html).not.toContain(`href="/starter/${nowhere}#mentors"`)
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

test('/me lists the projects I mentor: who works on each, answered or not, and the reports sent', async () => {
  const db = getDb()
  const mo = await createGitHubAccount(db, 'mo')
  const [nia, ana] = [await createGitHubAccount(db, 'nia'), await createAccount(db, 'ana')]
  const tests = await createProject(db, { title: 'TCP tests', size: 'elastic', mentors: ['@mo'] })
  await createProject(db, { title: 'DNS docs', mentors: ['@mo'] })
  await createProject(db, { title: 'Not mine', mentors: ['someone'] })
  const niaClaim = await claimStarterProject(tests, nia, db)
  await answerClaim(tests, niaClaim.id, { ...mo, isMaintainer: false }, { message: 'Hi' }, db)
  const anaClaim = await claimStarterProject(tests, ana, db)
  await endClaim(tests, anaClaim.id, ana, 'done', db)
  const report = { languageStars: 3, domainStars: 2, timeTaken: 'week', note: '' } as const
  await submitClaimFeedback(tests, anaClaim.id, ana, report, db)
  const ana2 = await claimStarterProject(tests, ana, db)

  const data = await (await callLoader(loader, '/me', { accountId: mo.id })).json()
  expect(data.mentored).toEqual([
    expect.objectContaining({ title: 'DNS docs', claims: [], reports: 0, demo_reports: 0 }),
    expect.objectContaining({
      title: 'TCP tests',
      claims: [
        expect.objectContaining({
          id: niaClaim.id,
          login: 'nia',
          is_demo: false,
          first_answer: { at: expect.any(String), is_demo: false },
        }),
        expect.objectContaining({ id: ana2.id, login: 'ana', is_demo: true, first_answer: null }),
      ],
      reports: 1,
      demo_reports: 1,
    }),
  ])
  const html = (await renderRouteWith(MeRoute, data, '/me')).replace(/<!-- -->/g, '')
  const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
  expect(text).toContain('Projects you mentor')
  expect(text).toContain('DNS docs open Nobody is working on it now.')
  expect(text).toMatch(/nia, since [^:]+: answered \d+ \w+ \d{4} (?!demo answer)/)
  expect(text).toMatch(/ana \(demo person\), since [^:]+: nobody has answered yet demo claim/)
  expect(text).toContain('1 report , a demo action')
  expect(html).toContain(`href="/starter/${tests}#claim-history-heading"`)
  // A demo person's answer is a demo answer wherever it shows.
  const demoMentor = await createAccount(db, 'dee')
  const demoProject = await createProject(db, { title: 'Demo one', mentors: ['@dee'] })
  const claim = await claimStarterProject(demoProject, nia, db)
  await answerClaim(
    demoProject,
    claim.id,
    { ...demoMentor, isMaintainer: false },
    { message: null },
    db,
  )
  const deeData = await (await callLoader(loader, '/me', { accountId: demoMentor.id })).json()
  expect(deeData.mentored[0].claims[0].first_answer).toEqual({
    at: expect.any(String),
    is_demo: true,
  })
  expect((await renderRouteWith(MeRoute, deeData, '/me')).replace(/<!-- -->/g, '')).toMatch(
    /answered \d+ \w+ \d{4}<span[^>]*> demo answer<\/span>/,
  )
  // Someone who mentors nothing sees no such section.
  const niaData = await (await callLoader(loader, '/me', { accountId: nia.id })).json()
  expect(niaData.mentored).toEqual([])
  expect(await renderRouteWith(MeRoute, niaData, '/me')).not.toContain('Projects you mentor')
})

test('/me’s Following never tells a mentor she follows nothing: she hears of the projects she mentors', async () => {
  const db = getDb()
  const mo = await createGitHubAccount(db, 'mo')
  const nia = await createGitHubAccount(db, 'nia')
  await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  const mentorText = await followingText(mo.id)
  expect(mentorText).toContain(
    'You follow nothing yet, but you hear when someone claims, finishes or stops a project you mentor (listed above, under “Projects you mentor”), or it is free again.',
  )
  expect(mentorText).not.toContain('You follow nothing yet:')
  expect(mentorText).toContain('“Follow” on an idea or a starter project tells you when it changes')
  // Nothing was followed for her: what she follows is still only what she chose.
  expect(await db.selectFrom('notification_follow').select('account_id').execute()).toEqual([])
  // Following something too: the list, and that she also hears of what she mentors.
  const other = await createProject(db, { title: 'DNS docs' })
  await db
    .insertInto('notification_follow')
    .values({ account_id: mo.id, subject_type: 'project', subject_id: other, following: true })
    .execute()
  const withFollow = await followingText(mo.id)
  expect(withFollow).toContain('DNS docs')
  expect(withFollow).not.toContain('TCP tests')
  expect(withFollow).toContain(
    'You also hear when someone claims, finishes or stops a project you mentor',
  )
  // Someone who mentors nothing and follows nothing: as before.
  const niaText = await followingText(nia.id)
  expect(niaText).toContain('You follow nothing yet: “Follow” on an idea or a starter project')
  expect(niaText).not.toContain('a project you mentor')
})

test('/me’s Following never tells an idea’s author she follows nothing: she hears what becomes of her ideas', async () => {
  const db = getDb()
  const cam = await createGitHubAccount(db, 'cam')
  const mo = await createGitHubAccount(db, 'mo')
  const target = await makeTarget(db)
  await makeIdea(db, target, 'Image signing', { authorId: cam.id })
  await makeIdea(db, target, 'Fuzzing', { authorId: mo.id })
  await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  const authorText = await followingText(cam.id)
  expect(authorText).toContain(
    'You follow nothing yet, but you hear what becomes of the ideas you wrote (listed above, under “My ideas”).',
  )
  expect(authorText).not.toContain('You follow nothing yet:')
  // An author who mentors too hears of both, said once.
  expect(await followingText(mo.id)).toContain(
    'You follow nothing yet, but you hear what becomes of the ideas you wrote (listed above, under “My ideas”), and when someone claims, finishes or stops a project you mentor (listed above, under “Projects you mentor”), or it is free again.',
  )
  // Nothing was followed for them.
  expect(await db.selectFrom('notification_follow').select('account_id').execute()).toEqual([])
})

test('/me’s Following leaves out an idea its author unfollowed, as her inbox does; an author who did not unfollow hears of all', async () => {
  const db = getDb()
  const cam = await createGitHubAccount(db, 'cam')
  const ana = await createGitHubAccount(db, 'ana')
  const kim = await createGitHubAccount(db, 'kim')
  const target = await makeTarget(db)
  const signing = await makeIdea(db, target, 'Image signing', { authorId: cam.id })
  const fuzzing = await makeIdea(db, target, 'Fuzzing', { authorId: cam.id })
  await makeIdea(db, target, 'Docs day', { authorId: ana.id })
  await makeIdea(db, target, 'Boot time', { authorId: ana.id })
  await setFollowing(cam.id, { type: 'idea', id: fuzzing }, false, db)
  expect(await followingText(cam.id)).toContain(
    'You follow nothing yet, but you hear what becomes of the ideas you wrote (listed above, under “My ideas”) except “Fuzzing”, which you unfollowed.',
  )
  expect(await followingText(ana.id)).toContain(
    'You follow nothing yet, but you hear what becomes of the ideas you wrote (listed above, under “My ideas”).',
  )
  // What the sentence says is what her inbox gets: news of the one she follows, none of the other.
  await addComment(signing, kim, 'Sigstore?', db)
  await addComment(fuzzing, kim, 'AFL?', db)
  const inbox = await db
    .selectFrom('notification')
    .select('title')
    .where('account_id', '=', cam.id)
    .execute()
  expect(inbox.map((notice) => notice.title)).toEqual(['kim commented on “Image signing”'])

  // Unfollowed both: she hears of none, so My work no longer says she does.
  await setFollowing(cam.id, { type: 'idea', id: signing }, false, db)
  const none = await followingText(cam.id)
  expect(none).not.toContain('ideas you wrote')
  expect(none).toContain('You follow nothing yet: “Follow” on an idea or a starter project')
})

test('/me shows the newcomer her claim’s thread, her replies as hers, and the reply box while it is her turn', async () => {
  const db = getDb()
  const mo = await createAccount(db, 'mo')
  const nia = await createAccount(db, 'nia')
  const project = await createProject(db, { title: 'TCP tests', mentors: ['mo'] })
  const claim = await claimStarterProject(project, nia, db)
  const page = async () => {
    const data = await (await callLoader(loader, '/me', { accountId: nia.id })).json()
    return (await renderRouteWith(MeRoute, data, '/me')).replace(/<!-- -->/g, '')
  }
  // Nobody has answered: nothing to reply to.
  expect(await page()).not.toContain('Send reply')
  const asMo = { ...mo, isMaintainer: false }
  await answerClaim(project, claim.id, asMo, { message: 'Welcome!' }, db)
  const answered = await page()
  expect(answered).toContain('Reply to the answer')
  // Posted to this page's own action (the test's router has no /me route), naming the project.
  expect(answered).toContain(`<input type="hidden" name="projectId" value="${project}"/>`)
  await replyToClaim(project, claim.id, nia, { message: 'Where are the tests?' }, db)
  const afterReply = await page()
  expect(afterReply).toMatch(/You replied on .*Where are the tests\?.*demo reply/)
  // Her turn is over until someone answers.
  expect(afterReply).not.toContain('Send reply')
  expect(afterReply).toContain('Whoever answered is told of your reply')
  // A reply does not put the claim back in the mentor's queue: she is told by a notice.
  const moData = await (await callLoader(loader, '/me', { accountId: mo.id })).json()
  expect(moData.claimsToAnswer).toEqual([])
  await answerClaim(project, claim.id, asMo, { message: null }, db)
  expect(await page()).toMatch(/mo \(demo person\) has seen your reply \(.*Reply to the answer/)
})

/** The markup of one of My work's claims, from its item to the next one's. */
function claimItem(html: string, claimId: number) {
  const start = html.indexOf(`<li id="claim-${claimId}"`)
  expect(start).toBeGreaterThanOrEqual(0)
  const next = html.indexOf('<li id="claim-', start + 1)
  return html.slice(start, next === -1 ? html.indexOf('</section>', start) : next)
}

test('replying from /me: the project page’s rule and notice; the reply shows in that claim’s thread, said there', async () => {
  const db = getDb()
  const mo = await createGitHubAccount(db, 'mo')
  const nia = await createGitHubAccount(db, 'nia')
  const tcp = await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  const dns = await createProject(db, { title: 'DNS docs', mentors: ['@mo'] })
  const tcpClaim = await claimStarterProject(tcp, nia, db)
  const dnsClaim = await claimStarterProject(dns, nia, db)
  const asMo = { ...mo, isMaintainer: false }
  await answerClaim(tcp, tcpClaim.id, asMo, { message: 'Welcome!' }, db)
  await answerClaim(dns, dnsClaim.id, asMo, { message: 'Hello!' }, db)

  const form = { intent: 'reply', projectId: String(tcp), claimId: String(tcpClaim.id) }
  const response = await callAction(
    action,
    '/me?index',
    { ...form, message: 'Where are the tests?' },
    { accountId: nia.id },
  )
  expect(response.status).toBe(200)
  const result = await response.json()
  expect(result).toEqual({
    ok: true,
    message: 'Sent: whoever answered your claim is told, and your reply shows under your claim.',
    intent: 'reply',
    values: { claimId: String(tcpClaim.id) },
    nextProject: null,
  })
  expect(
    await db
      .selectFrom('notification')
      .select(['account_id', 'title'])
      .where('kind', '=', 'claim_replied')
      .execute(),
  ).toEqual([
    {
      account_id: mo.id,
      title: 'nia replied to your answer on “TCP tests”: “Where are the tests?”',
    },
  ])

  const data = await (await callLoader(loader, '/me', { accountId: nia.id })).json()
  const html = (await renderRouteWith(MeRoute, data, '/me', result)).replace(/<!-- -->/g, '')
  // Said under the claim it was for, not at the top of the page.
  expect(html.indexOf('Sent: whoever answered')).toBeGreaterThan(html.indexOf('id="claim-'))
  const tcpItem = claimItem(html, tcpClaim.id)
  expect(tcpItem).toMatch(
    /mo answered on .*Welcome!.*You replied on .*Where are the tests\?.*Sent: whoever answered your claim is told/,
  )
  expect(tcpItem).not.toContain('Send reply')
  // The other claim keeps its own box, and says nothing of this reply.
  const dnsItem = claimItem(html, dnsClaim.id)
  expect(dnsItem).toContain('Send reply')
  expect(dnsItem).not.toContain('Sent:')
})

test('replying from /me is refused as on the project page, beside the right claim, the words kept, nothing written', async () => {
  const db = getDb()
  const mo = await createGitHubAccount(db, 'mo')
  const nia = await createGitHubAccount(db, 'nia')
  const eve = await createGitHubAccount(db, 'eve')
  const tcp = await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  const dns = await createProject(db, { title: 'DNS docs', mentors: ['@mo'] })
  const tcpClaim = await claimStarterProject(tcp, nia, db)
  const dnsClaim = await claimStarterProject(dns, nia, db)
  const asMo = { ...mo, isMaintainer: false }
  const reply = (
    project: number,
    claimId: number,
    message: string | undefined,
    accountId = nia.id,
  ) =>
    callAction(
      action,
      '/me?index',
      {
        intent: 'reply',
        projectId: String(project),
        claimId: String(claimId),
        ...(message === undefined ? {} : { message }),
      },
      { accountId },
    )
  const rows = () =>
    db.selectFrom('claim_answer').select(['id', 'by_claimant']).orderBy('id').execute()

  // Nobody has answered yet.
  const early = await reply(tcp, tcpClaim.id, 'Hello?')
  expect(early.status).toBe(409)
  expect((await early.json()).message).toBe(
    'Nobody has answered your claim yet: there is nothing to reply to.',
  )
  await answerClaim(tcp, tcpClaim.id, asMo, { message: 'Welcome!' }, db)
  await answerClaim(dns, dnsClaim.id, asMo, { message: 'Hello!' }, db)
  const before = await rows()

  // Too long: 400, the words kept, under the claim they were for.
  const tooLong = 'x'.repeat(501)
  const long = await reply(dns, dnsClaim.id, tooLong)
  expect(long.status).toBe(400)
  const longResult = await long.json()
  expect(longResult.message).toBe('Your reply must be at most 500 characters (it has 501).')
  expect(longResult.values).toEqual({ claimId: String(dnsClaim.id), message: tooLong })
  const data = await (await callLoader(loader, '/me', { accountId: nia.id })).json()
  const html = await renderRouteWith(MeRoute, data, '/me', longResult)
  const dnsItem = claimItem(html, dnsClaim.id)
  expect(dnsItem).toContain(`>${tooLong}</textarea>`)
  expect(dnsItem).toContain('autofocus=""')
  expect(dnsItem).toContain('aria-invalid="true"')
  expect(dnsItem).toContain('Your reply must be at most 500 characters (it has 501).')
  expect(claimItem(html, tcpClaim.id)).not.toMatch(/at most 500|aria-invalid|autofocus/)
  expect(html.split('at most 500 characters (it has').length).toBe(2)

  const blank = await reply(tcp, tcpClaim.id, ' \n ')
  expect(blank.status).toBe(400)
  expect((await blank.json()).message).toBe('Write a few words to reply.')
  const missing = await reply(tcp, tcpClaim.id, undefined)
  expect(missing.status).toBe(400)
  expect(await missing.json()).toMatchObject({
    message: 'Your reply is missing: write a few words.',
    values: { claimId: String(tcpClaim.id), intent: 'reply' },
  })
  const nul = await reply(tcp, tcpClaim.id, 'a\u0000b')
  expect(nul.status).toBe(400)
  expect(await nul.text()).toMatch(/NUL/)
  // Someone else's claim: 403, shown at the top (it is none of hers).
  const someoneElse = await reply(tcp, tcpClaim.id, 'Hi', eve.id)
  expect(someoneElse.status).toBe(403)
  const someoneElseResult = await someoneElse.json()
  expect(someoneElseResult.message).toBe(
    'Only the person who claimed it can reply to the answers to a claim.',
  )
  const eveData = await (await callLoader(loader, '/me', { accountId: eve.id })).json()
  expect(
    (await renderRouteWith(MeRoute, eveData, '/me', someoneElseResult)).replace(/<!-- -->/g, ''),
  ).toMatch(/role="alert"[^>]*>Only the person who claimed it can reply/)
  // A claim not on the project the form names: 404; no project named: 400.
  expect((await reply(dns, tcpClaim.id, 'Hi')).status).toBe(404)
  const noProject = await callAction(
    action,
    '/me?index',
    { intent: 'reply', claimId: String(tcpClaim.id), message: 'Hi' },
    { accountId: nia.id },
  )
  expect(noProject.status).toBe(400)
  expect((await noProject.json()).message).toBe('The form did not say which project.')
  // Only a reply (or a renewal) is done from here.
  const answer = await callAction(
    action,
    '/me?index',
    { intent: 'answer', projectId: String(tcp), claimId: String(tcpClaim.id), message: 'Hi' },
    { accountId: mo.id },
  )
  expect(answer.status).toBe(400)
  expect((await answer.json()).message).toBe('That is not something this page can do.')
  expect(await rows()).toEqual(before)

  // Sent twice (a double click without script): the second is refused beside the claim, whose
  // box is gone, and written once.
  expect((await reply(tcp, tcpClaim.id, 'Thanks')).status).toBe(200)
  const twice = await reply(tcp, tcpClaim.id, 'Thanks')
  expect(twice.status).toBe(409)
  const twiceResult = await twice.json()
  expect(twiceResult.message).toMatch(/^You already replied \(.+\): you can reply again/)
  const afterTwice = await (await callLoader(loader, '/me', { accountId: nia.id })).json()
  const tcpItem = claimItem(
    (await renderRouteWith(MeRoute, afterTwice, '/me', twiceResult)).replace(/<!-- -->/g, ''),
    tcpClaim.id,
  )
  expect(tcpItem).toMatch(/role="alert"[^>]*>You already replied/)
  expect(tcpItem).not.toContain('Send reply')
  expect(await rows()).toHaveLength(before.length + 1)

  // An ended claim: 409.
  await endClaim(dns, dnsClaim.id, nia, 'abandoned', db)
  const ended = await reply(dns, dnsClaim.id, 'Bye')
  expect(ended.status).toBe(409)
  expect((await ended.json()).message).toMatch(
    /^This claim ended on .+: there is nothing to reply to\.$/,
  )
  expect(await rows()).toHaveLength(before.length + 1)
  expect(
    await db.selectFrom('notification').select('id').where('kind', '=', 'claim_replied').execute(),
  ).toHaveLength(1)
})

test('renewing from /me goes the project page’s way: the same message, refusals and claim write budget', async () => {
  const db = getDb()
  const nia = await createGitHubAccount(db, 'nia')
  const tcp = await createProject(db, { title: 'TCP tests' })
  const dns = await createProject(db, { title: 'DNS docs' })
  // Two days left: in their last days, so both are renewable now.
  const tcpClaim = await claimStarterProject(tcp, nia, db, 2)
  const dnsClaim = await claimStarterProject(dns, nia, db, 2)
  const spent = async () =>
    (
      await db
        .selectFrom('write_quota')
        .select('count')
        .where('account_id', '=', nia.id)
        .where('action', '=', 'claim')
        .execute()
    ).reduce((sum, row) => sum + row.count, 0)
  const renew = (projectId: number, claimId: number) =>
    callAction(
      action,
      '/me?index',
      { intent: 'renew', projectId: String(projectId), claimId: String(claimId) },
      { accountId: nia.id },
    )
  const fromMe = await renew(tcp, tcpClaim.id)
  expect(fromMe.status).toBe(200)
  expect(await fromMe.json()).toMatchObject({
    ok: true,
    intent: 'renew',
    message: expect.stringMatching(/^Renewed: your claim now runs until \d+ \w+ \d{4}\.$/),
  })
  expect(await spent()).toBe(1)
  const fromPage = await callAction(
    projectAction,
    `/starter/${dns}`,
    { intent: 'renew', claimId: String(dnsClaim.id) },
    { accountId: nia.id, params: { id: String(dns) } },
  )
  expect(fromPage.status).toBe(200)
  expect(await spent()).toBe(2)
  // Refused (too early now it was renewed): the page's 409 and words, and a write spent as there.
  const again = await renew(tcp, tcpClaim.id)
  expect(again.status).toBe(409)
  expect((await again.json()).message).toMatch(/^Your claim already runs until /)
  expect(await spent()).toBe(3)
  // A form naming no claim is refused before anything is spent.
  const noClaim = await callAction(
    action,
    '/me?index',
    { intent: 'renew', projectId: String(tcp) },
    { accountId: nia.id },
  )
  expect(noClaim.status).toBe(400)
  expect((await noClaim.json()).message).toBe('The form did not say which claim.')
  expect(await spent()).toBe(3)
})

test('My work offers no Renew on a claim whose holder was named a mentor of the project since', async () => {
  const db = getDb()
  const nia = await createAccount(db, 'nia')
  const project = await createProject(db, { title: 'TCP tests' })
  const claim = await claimStarterProject(project, nia, db, 2)
  const page = async () => {
    const data = await (await callLoader(loader, '/me', { accountId: nia.id })).json()
    return (await renderRouteWith(MeRoute, data, '/me')).replace(/<!-- -->/g, '')
  }
  expect(await page()).toContain('>Renew<')
  await db
    .insertInto('starter_project_mentor')
    .values({ project_id: project, position: 0, account_id: nia.id, name: 'nia' })
    .execute()
  const html = await page()
  expect(html).not.toContain('>Renew<')
  expect(html).toContain('You mentor it now: not renewable')
  const refused = await callAction(
    action,
    '/me?index',
    { intent: 'renew', projectId: String(project), claimId: String(claim.id) },
    { accountId: nia.id },
  )
  expect(refused.status).toBe(409)
  expect((await refused.json()).message).toMatch(/^You mentor this project now/)
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
  expect(reported.data.nextProject.href).toBe('/starter?level=some&know=web&know=tooling&stepUp=1')
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

test('My work’s ended claims show the pull request she finished with: by its title on the board’s page when mirrored, else GitHub', async () => {
  const db = getDb()
  const repo = repositoryPayload('mirage/ocaml-dns')
  await mirror(db, repo, [issuePayload(repo.full_name, 41, { title: 'Cache negative answers' })])
  const ana = await createAccount(db, 'ana')
  const [dns, web, stopped] = [
    await createProject(db, { title: 'DNS resolver' }),
    await createProject(db, { title: 'Web page' }),
    await createProject(db, { title: 'Stopped one' }),
  ]
  for (const [project, outcome, finishLink] of [
    [dns, 'done', { fullName: 'mirage/ocaml-dns', number: 41, kind: 'pull' }],
    [web, 'done', { fullName: 'mirage/mirage-www', number: 9, kind: null }],
    [stopped, 'abandoned', null],
  ] as const) {
    const claim = await claimStarterProject(project, ana, db)
    await endClaim(project, claim.id, ana, outcome, db, { finishLink })
  }
  const data = await (await callLoader(loader, '/me', { accountId: ana.id })).json()
  const html = (await renderRouteWith(MeRoute, data, '/me')).replace(/<!-- -->/g, '')
  expect(html).toMatch(
    /DNS resolver<\/a>: finished on [^<]+ with <a [^>]*href="\/repos\/mirage\/ocaml-dns\/issues\/41"[^>]*>Cache negative answers<\/a><span [^>]*> \(mirage\/ocaml-dns#41\)<\/span>;/,
  )
  expect(html).toMatch(
    /Web page<\/a>: finished on [^<]+ with <a [^>]*href="https:\/\/github.com\/mirage\/mirage-www\/issues\/9"[^>]*>mirage\/mirage-www#9/,
  )
  expect(html).toMatch(/Stopped one<\/a>: [^<]+ on [^<;]+;/)
})
