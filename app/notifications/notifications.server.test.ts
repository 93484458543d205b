import { createElement } from 'react'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderInRouter } from '../../test/render'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { castBallot } from '../roadmap/ballot.server'
import { closeRound } from '../roadmap/decision.server'
import { addComment, moveIdea, proposeIdea, setPlusOne } from '../roadmap/idea.server'
import { openRound } from '../roadmap/round.server'
import { makeIdea, makeTarget } from '../roadmap/test-fixtures'
import { claimStarterProject, endClaim } from '../starter/claim.server'
import { answerGapRequest, createGapRequest } from '../starter/gap-request.server'
import { offerToMentor } from '../starter/mentor-offer.server'
import { formatDate } from '../utils/format'

import {
  countUnread,
  getUnreadSummary,
  listFollows,
  listNewestUnread,
  listNotifications,
  markRead,
  setDelivery,
  setFollowing,
} from './inbox.server'
import { getForYou, getMyWork } from './my-work.server'
import { notify, notifyIdeaEvent, roundClosingKey, roundVotingKey } from './notify.server'
import { sendReminders } from './reminders.server'
import { NotificationList } from './ui/notification-list'

const getDb = setupTestDatabase()

const DAY_MS = 86_400_000

async function makeProject(...args: Parameters<typeof createProject>) {
  return { id: await createProject(...args) }
}

function ask(domains: string[]) {
  return {
    languageLevel: 'none' as const,
    domains,
    time: null,
    wantsMentor: false,
    note: '',
  }
}

async function titlesFor(accountId: number) {
  const { items } = await listNotifications(accountId, null, getDb())
  return items.map((item) => item.title)
}

test('a claim lapsing in 3 days reminds its holder once, however often the job runs', async () => {
  const db = getDb()
  const holder = await createAccount(db, 'holder')
  const project = await makeProject(db, { title: 'TLS bindings' })
  const claim = await claimStarterProject(project.id, holder, db, 30)

  const now = new Date(claim.expires_at.getTime() - 10 * DAY_MS)
  expect((await sendReminders(now, db)).claimLapsing).toBe(0)

  const threeDaysBefore = new Date(claim.expires_at.getTime() - 3 * DAY_MS + 60_000)
  expect((await sendReminders(threeDaysBefore, db)).claimLapsing).toBe(1)
  expect(
    (await sendReminders(new Date(threeDaysBefore.getTime() + 3_600_000), db)).claimLapsing,
  ).toBe(0)
  const titles = await titlesFor(holder.id)
  expect(titles).toHaveLength(1)
  expect(titles[0]).toMatch(/Your claim on “TLS bindings” lapses on/)
  expect(await countUnread(holder.id, db)).toBe(1)
})

test('a lapsed claim is told once; an ended claim is never reminded', async () => {
  const db = getDb()
  const holder = await createAccount(db, 'holder')
  const [kept, ended] = [await makeProject(db, { title: 'DNS resolver' }), await makeProject(db)]
  const keptClaim = await claimStarterProject(kept.id, holder, db, 30)
  const endedClaim = await claimStarterProject(ended.id, holder, db, 30)
  await endClaim(ended.id, endedClaim.id, holder, 'abandoned', db)

  const afterLapse = new Date(keptClaim.expires_at.getTime() + DAY_MS)
  const first = await sendReminders(afterLapse, db)
  const second = await sendReminders(new Date(afterLapse.getTime() + DAY_MS), db)
  expect(first).toEqual({
    claimLapsing: 0,
    claimLapsed: 1,
    projectFreed: 0,
    roundVoting: 0,
    roundClosing: 0,
  })
  expect(second.claimLapsed).toBe(0)
  // It says what to do, as a released claim's notice does.
  expect(await titlesFor(holder.id)).toEqual([
    `Your claim on “DNS resolver” lapsed on ${formatDate(keptClaim.expires_at)}: it is open to others now; claim it again if you are still on it`,
  ])
  // A lapse long past when the board first looks is not news.
  expect(
    (await sendReminders(new Date(keptClaim.expires_at.getTime() + 30 * DAY_MS), db)).claimLapsed,
  ).toBe(0)
})

test('claiming, finishing and stopping a project tell its mentors and followers, not the actor; a mentor who unfollowed it is told still', async () => {
  const db = getDb()
  const mentor = await createAccount(db, 'mentor')
  const follower = await createAccount(db, 'follower')
  const unfollowedMentor = await createAccount(db, 'quiet-mentor')
  const unfollower = await createAccount(db, 'unfollower')
  const worker = await createAccount(db, 'worker')
  const project = await makeProject(db, {
    title: 'Irmin docs',
    mentors: ['@mentor', '@quiet-mentor'],
    size: 'elastic',
  })
  await setFollowing(follower.id, { type: 'project', id: project.id }, true, db)
  await setFollowing(unfollowedMentor.id, { type: 'project', id: project.id }, false, db)
  await setFollowing(unfollower.id, { type: 'project', id: project.id }, true, db)
  await setFollowing(unfollower.id, { type: 'project', id: project.id }, false, db)
  await setFollowing(worker.id, { type: 'project', id: project.id }, true, db)

  const claim = await claimStarterProject(project.id, worker, db, 30)
  await endClaim(project.id, claim.id, worker, 'done', db)

  // A mentor answers its claims: addressed to her as its mentor, an unfollow does not silence it.
  for (const person of [mentor, follower, unfollowedMentor]) {
    expect(await titlesFor(person.id)).toEqual([
      // The factory's accounts are demo people outside the demo's cast.
      'worker (demo person) finished “Irmin docs”',
      'worker (demo person) is working on “Irmin docs”',
    ])
  }
  expect(await titlesFor(unfollower.id)).toEqual([])
  expect(await titlesFor(worker.id)).toEqual([])
})

test('a mentor who turned a kind off in her settings is not told of it, unfollowed or not', async () => {
  const db = getDb()
  const mentor = await createAccount(db, 'mentor')
  const worker = await createAccount(db, 'worker')
  const project = await makeProject(db, { title: 'Irmin docs', mentors: ['@mentor'] })
  await setFollowing(mentor.id, { type: 'project', id: project.id }, false, db)
  await setDelivery(mentor.id, 'project_claimed', 'off', db)
  const claim = await claimStarterProject(project.id, worker, db, 30)
  expect(await titlesFor(mentor.id)).toEqual([])
  await endClaim(project.id, claim.id, worker, 'abandoned', db)
  expect(await titlesFor(mentor.id)).toEqual([
    'worker (demo person) stopped working on “Irmin docs”',
  ])
})

test('a notification is written in the event’s transaction: a refused event leaves none', async () => {
  const db = getDb()
  const mentor = await createAccount(db, 'mentor')
  const worker = await createAccount(db, 'worker')
  const project = await makeProject(db, { mentors: ['@mentor'], status: 'done' })
  await expect(claimStarterProject(project.id, worker, db, 30)).rejects.toMatchObject({
    status: 409,
  })
  expect(await titlesFor(mentor.id)).toEqual([])
})

test('a "nothing fits me" request tells every maintainer, not contributors nor its sender', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const cam = await createAccount(db, 'cam')
  const pusher = await createGitHubAccount(db, 'pusher')
  await db
    .updateTable('account')
    .set({ has_push_access: true })
    .where('id', '=', pusher.id)
    .execute()
  const granted = await createGitHubAccount(db, 'Granted')
  const grantedByDemo = await createGitHubAccount(db, 'demo-granted')
  await db
    .insertInto('maintainer_grant')
    .values([
      { login: 'granted', granted_by: pusher.id },
      { login: 'demo-granted', granted_by: dana.id },
    ])
    .execute()
  const requestId = await createGapRequest(
    {
      languageLevel: 'none',
      domains: ['storage', 'networking'],
      time: null,
      wantsMentor: false,
      note: '',
    },
    noor,
    db,
  )
  const told = 'noor (demo person) says no starter project fits (knows networking, storage)'
  for (const maintainer of [dana, pusher, granted]) {
    const { items } = await listNotifications(maintainer.id, null, db)
    // It leads to the request itself, not the top of a page of requests.
    expect(items).toMatchObject([
      {
        kind: 'gap_requested',
        title: told,
        link: `/starter/gaps#request-${requestId}`,
        is_demo_action: true,
      },
    ])
  }
  // A grant a demo person made makes nobody a maintainer (account.server.ts).
  for (const other of [noor, cam, grantedByDemo]) expect(await titlesFor(other.id)).toEqual([])
})

test('an answered "nothing fits me" request tells its sender, with the project made for it', async () => {
  const db = getDb()
  const newcomer = await createAccount(db, 'newcomer')
  const maintainer = await createAccount(db, 'maintainer', 'maintainer')
  const requestId = await createGapRequest(
    {
      languageLevel: 'none',
      domains: ['storage'],
      time: 'week',
      wantsMentor: true,
      note: 'Disks?',
    },
    newcomer,
    db,
  )
  const project = await makeProject(db, { title: 'Block device tests' })
  await answerGapRequest(requestId, { projectId: project.id }, maintainer, db)
  const { items } = await listNotifications(newcomer.id, null, db)
  expect(items).toMatchObject([
    {
      kind: 'request_answered',
      title: 'Your “nothing fits me” request is answered: try “Block device tests”',
      link: `/starter/${project.id}`,
    },
  ])
})

test('the sender’s notice that a request is answered says who answered: the person to ask next', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const requestId = await createGapRequest(ask(['storage']), noor, db)
  const project = await makeProject(db, { title: 'Block device tests' })
  await answerGapRequest(requestId, { projectId: project.id }, dana, db)

  const { items } = await listNotifications(noor.id, null, db)
  expect(items).toMatchObject([
    {
      kind: 'request_answered',
      answer: { byName: 'dana (demo person)', byYou: false, isDemo: true },
    },
  ])
  const html = (
    await renderInRouter(
      createElement(NotificationList, { items: JSON.parse(JSON.stringify(items)) }),
    )
  ).replace(/<[^>]+>/g, '')
  expect(html).toContain(
    `Answered by dana (demo person) on ${formatDate(items[0]!.answer!.answeredAt)}: see the answer`,
  )
})

test('answering a request marks every maintainer’s notice of it read, and only of it', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const ari = await createAccount(db, 'ari', 'maintainer')
  const noor = await createAccount(db, 'noor')
  const cam = await createAccount(db, 'cam')
  const answered = await createGapRequest(ask(['storage']), noor, db)
  await createGapRequest(ask(['web']), cam, db)
  expect(await countUnread(dana.id, db)).toBe(2)
  expect((await getForYou({ id: ari.id, role: 'maintainer' }, db)).unread).toEqual({
    count: 2,
    demo: 2,
    aboutWaitingWork: 2,
  })
  await answerGapRequest(answered, { projectId: null }, dana, db)
  // Answered, it waits for no maintainer: the one who answered nor the others.
  for (const maintainer of [dana, ari]) {
    const { items } = await listNotifications(maintainer.id, null, db)
    expect(items.map((item) => [item.title, item.read_at === null])).toEqual([
      ['cam (demo person) says no starter project fits (knows web)', true],
      ['noor (demo person) says no starter project fits (knows storage)', false],
    ])
    expect(await countUnread(maintainer.id, db)).toBe(1)
  }
  // Home's "For you" counts what the inbox counts.
  expect((await getForYou({ id: ari.id, role: 'maintainer' }, db)).unread).toEqual({
    count: 1,
    demo: 1,
    aboutWaitingWork: 1,
  })
})

test('another maintainer’s notice of an answered request says who answered, when, and links to the answer', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const ari = await createAccount(db, 'ari', 'maintainer')
  const noor = await createAccount(db, 'noor')
  const withProject = await createGapRequest(ask(['storage']), noor, db)
  const withNote = await createGapRequest(ask(['web']), noor, db)
  const open = await createGapRequest(ask(['testing']), noor, db)
  const project = await makeProject(db, { title: 'Block device tests' })
  await answerGapRequest(withProject, { projectId: project.id }, dana, db)
  await answerGapRequest(withNote, { projectId: null, note: 'Ask on the list.' }, ari, db)

  const { items } = await listNotifications(ari.id, null, db)
  const answerOf = (requestId: number) =>
    items.find((item) => item.link === `/starter/gaps#request-${requestId}`)?.answer
  expect(answerOf(open)).toBeNull()
  // Dana is a demo person: her answer is a demo action, and the notice says so.
  expect(answerOf(withProject)).toMatchObject({
    byName: 'dana (demo person)',
    byYou: false,
    isDemo: true,
    link: `/starter/${project.id}`,
  })
  expect(answerOf(withNote)).toMatchObject({
    byYou: true,
    link: `/starter/gaps#request-${withNote}`,
  })

  const html = (
    await renderInRouter(
      createElement(NotificationList, { items: JSON.parse(JSON.stringify(items)) }),
    )
  ).replace(/<[^>]+>/g, '')
  const on = formatDate(answerOf(withProject)!.answeredAt)
  expect(html).toContain(`Answered by dana (demo person) on ${on}: see the answer a demo action`)
  expect(html).toContain(`Answered by you on ${on}: see the answer`)
})

test("an answer's word to the newcomer is in the notice (its start) and on My work (whole)", async () => {
  const db = getDb()
  const newcomer = await createAccount(db, 'newcomer')
  const maintainer = await createAccount(db, 'maintainer', 'maintainer')
  const ask = (note: string) =>
    createGapRequest(
      { languageLevel: 'some', domains: [], time: null, wantsMentor: false, note },
      newcomer,
      db,
    )
  const first = await ask('first')
  await answerGapRequest(first, { projectId: null, note: 'Ask  on the\nlist.' }, maintainer, db)
  const second = await ask('second')
  const long = `${'word '.repeat(40)}end`
  await answerGapRequest(second, { projectId: null, note: long }, maintainer, db)

  const { items } = await listNotifications(newcomer.id, null, db)
  expect(items.map((item) => item.title).sort()).toEqual([
    'Your “nothing fits me” request is answered — “Ask on the list.”',
    `Your “nothing fits me” request is answered — “${'word '.repeat(28).trimEnd()}…”`,
  ])
  expect(items.every((item) => item.link === '/me')).toBe(true)
  const work = await getMyWork(newcomer.id, db)
  expect(work.requests.map((request) => request.answer_note).sort()).toEqual([
    'Ask  on the\nlist.',
    long,
  ])
})

test('a kind set to off is not stored; marking read lowers the unread count', async () => {
  const db = getDb()
  const person = await createAccount(db, 'person')
  await setDelivery(person.id, 'round_opened', 'off', db)
  const notices = [
    { accountId: person.id, kind: 'round_opened' as const, eventKey: 'a', title: 'A', link: '/' },
    { accountId: person.id, kind: 'round_closing' as const, eventKey: 'b', title: 'B', link: '/' },
    { accountId: person.id, kind: 'round_closing' as const, eventKey: 'c', title: 'C', link: '/' },
  ]
  expect(await notify(db, notices, { email: false })).toBe(2)
  expect(await notify(db, notices, { email: false })).toBe(0)
  expect(await countUnread(person.id, db)).toBe(2)
  const { items } = await listNotifications(person.id, null, db)
  expect(await markRead(person.id, [items[0]!.id], db)).toBe(1)
  expect(await countUnread(person.id, db)).toBe(1)
  // Someone else's notification cannot be marked read.
  const other = await createAccount(db, 'other')
  expect(await markRead(other.id, [items[1]!.id], db)).toBe(0)
  expect(await markRead(person.id, null, db)).toBe(1)
  expect(await countUnread(person.id, db)).toBe(0)
})

test('the inbox pages newest first with a cursor; a tampered cursor reads as the first page', async () => {
  const db = getDb()
  const person = await createAccount(db, 'person')
  await notify(
    db,
    Array.from({ length: 5 }, (_, index) => ({
      accountId: person.id,
      kind: 'round_closing' as const,
      eventKey: `k${index}`,
      title: `N${index}`,
      link: '/',
    })),
    { email: false },
  )
  const first = await listNotifications(person.id, null, db, 2)
  expect(first.items.map((item) => item.title)).toEqual(['N4', 'N3'])
  const second = await listNotifications(person.id, first.next, db, 2)
  expect(second.items.map((item) => item.title)).toEqual(['N2', 'N1'])
  const tampered = await listNotifications(person.id, 'not-a-cursor', db, 2)
  expect(tampered.items.map((item) => item.title)).toEqual(['N4', 'N3'])
})

test('a comment on an idea tells its author, followers and earlier commenters, never the commenter', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const author = await createAccount(db, 'author')
  const follower = await createAccount(db, 'follower')
  const earlier = await createAccount(db, 'earlier')
  const quitter = await createAccount(db, 'quitter')
  const stranger = await createAccount(db, 'stranger')
  const ideaId = await makeIdea(db, target, 'Fuzz the TCP stack', { authorId: author.id })
  await setFollowing(follower.id, { type: 'idea', id: ideaId }, true, db)
  await addComment(ideaId, earlier, 'Which fuzzer?', db)
  await addComment(ideaId, quitter, 'Me too.', db)
  await setFollowing(quitter.id, { type: 'idea', id: ideaId }, false, db)
  const before = await titlesFor(author.id)

  const { id: commentId } = await addComment(ideaId, follower, 'AFL, with a network shim.', db)
  const told = '“Fuzz the TCP stack”'
  // One click lands on the comment itself, not the top of the idea.
  const { items } = await listNotifications(author.id, null, db)
  expect(items[0]!.link).toBe(`/roadmap/ideas/${ideaId}#comment-${commentId}`)
  expect((await titlesFor(author.id)).length).toBe(before.length + 1)
  expect(await titlesFor(author.id)).toContain(`follower (demo person) commented on ${told}`)
  expect(await titlesFor(earlier.id)).toContain(`follower (demo person) commented on ${told}`)
  expect(await titlesFor(follower.id)).not.toContain(`follower (demo person) commented on ${told}`)
  expect(await titlesFor(quitter.id)).not.toContain(`follower (demo person) commented on ${told}`)
  expect(await titlesFor(stranger.id)).toEqual([])
})

test('a +1 or a comment follows the idea, so its supporters hear what becomes of it; an unfollow stays', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const supporter = await createGitHubAccount(db, 'supporter')
  const commenter = await createGitHubAccount(db, 'commenter')
  const declined = await createGitHubAccount(db, 'declined')
  const ideaId = await makeIdea(db, target, 'Fuzz the TCP stack')
  await setFollowing(declined.id, { type: 'idea', id: ideaId }, false, db)

  expect((await setPlusOne(ideaId, supporter, true, db)).followed).toBe(true)
  expect((await addComment(ideaId, commenter, 'AFL?', db)).followed).toBe(true)
  expect((await setPlusOne(ideaId, declined, true, db)).followed).toBe(false)
  // Withdrawn and given again: still one follow, made once.
  await setPlusOne(ideaId, supporter, false, db)
  expect((await setPlusOne(ideaId, supporter, true, db)).followed).toBe(false)

  const round = await db
    .insertInto('round')
    .values({
      release_target_id: target.targetId,
      name: 'March call',
      status: 'open',
      opens_at: new Date('2027-03-01T00:00:00Z'),
      closes_at: new Date('2027-04-01T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await notifyIdeaEvent(db, [ideaId], { kind: 'idea_shortlisted', roundId: round.id }, null)
  const shortlisted = (await titlesFor(supporter.id)).filter((title) =>
    title.includes('March call'),
  )
  expect(shortlisted).toHaveLength(1)
  expect((await titlesFor(commenter.id)).some((title) => title.includes('March call'))).toBe(true)
  expect(await titlesFor(declined.id)).toEqual([])
})

test('a notice a demo person caused is marked a demo action and names her by her demo name; a real person’s is not', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const author = await createGitHubAccount(db, 'author')
  const ideaId = await makeIdea(db, target, 'Fuzz the TCP stack', { authorId: author.id })
  const noor = { id: await ensureDemoAccount(DEMO_PEOPLE[3], db), login: 'demo-newcomer' }
  const real = await createGitHubAccount(db, 'real-person')
  await addComment(ideaId, noor, 'A demo reply.', db)
  await addComment(ideaId, real, 'A real reply.', db)
  const { items } = await listNotifications(author.id, null, db)
  expect(items.map((item) => [item.title, item.is_demo_action])).toEqual([
    ['real-person commented on “Fuzz the TCP stack”', false],
    ['Noor (demo newcomer) commented on “Fuzz the TCP stack”', true],
  ])

  const project = await makeProject(db, { title: 'Irmin docs', size: 'elastic' })
  await setFollowing(author.id, { type: 'project', id: project.id }, true, db)
  await claimStarterProject(project.id, noor, db, 30)
  await claimStarterProject(project.id, real, db, 30)
  expect((await titlesFor(author.id)).slice(0, 2)).toEqual([
    'real-person is working on “Irmin docs”',
    'Noor (demo newcomer) is working on “Irmin docs”',
  ])
})

test('a target’s first round tells every maintainer it opened and reminds each before it closes', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await createAccount(db, 'dana', 'maintainer')
  const ari = await createAccount(db, 'ari', 'maintainer')
  const cam = await createAccount(db, 'cam')
  const opens = new Date('2027-03-01T09:00:00Z')
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'March round',
      opensAt: opens,
      shortlist: [
        await makeIdea(db, target, 'Fuzz the TCP stack'),
        await makeIdea(db, target, 'Doc days'),
      ],
    },
    dana,
    opens,
    db,
  )
  // Nobody has voted in any round yet: the maintainers, who alone vote, are who it is for.
  expect(await listNotifications(ari.id, null, db)).toMatchObject({
    items: [{ kind: 'round_opened', link: `/roadmap/rounds/${roundId}` }],
  })
  expect(await titlesFor(dana.id)).toEqual([])
  expect(await titlesFor(cam.id)).toEqual([])

  // Two days before it closes (one month on), both are reminded: neither has voted.
  await sendReminders(new Date('2027-03-30T09:00:00Z'), db, { email: false })
  for (const maintainer of [dana, ari]) {
    expect((await titlesFor(maintainer.id))[0]).toMatch(
      /^March round \(MirageOS 3.0\) closes on .*: vote/,
    )
  }
  expect(await titlesFor(cam.id)).toEqual([])
})

test('a round scheduled for a later day tells the maintainers when voting opens, not that it is open', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await createAccount(db, 'dana', 'maintainer')
  const ari = await createAccount(db, 'ari', 'maintainer')
  const now = new Date('2027-03-01T09:00:00Z')
  const opens = new Date('2027-03-15T00:00:00Z')
  await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'Later round',
      opensAt: opens,
      shortlist: [
        await makeIdea(db, target, 'Fuzz the TCP stack'),
        await makeIdea(db, target, 'Doc days'),
      ],
    },
    dana,
    now,
    db,
  )
  expect(await titlesFor(ari.id)).toEqual([
    `Later round (MirageOS 3.0) is scheduled: voting opens on ${formatDate(opens)}`,
  ])
  const counts = async (at: Date) => (await sendReminders(at, db, { email: false })).roundVoting
  // The day before, nothing; on its day, each maintainer hears voting has begun, once.
  expect(await counts(new Date('2027-03-14T09:00:00Z'))).toBe(0)
  expect(await counts(new Date('2027-03-15T00:05:00Z'))).toBe(2)
  expect(await counts(new Date('2027-03-15T00:10:00Z'))).toBe(0)
  const [begun] = await titlesFor(ari.id)
  expect(begun).toMatch(/^Later round \(MirageOS 3.0\) is open for voting until \d+ \w+ 2027$/)
  // The inbox says where the round stands now, as for its opening notice.
  const { items } = await listNotifications(ari.id, null, db)
  expect(items[0]!.round).not.toBeNull()
})

test('a round opened on its own day gets no second "voting has begun" notice', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await createAccount(db, 'dana', 'maintainer')
  const now = new Date('2027-03-15T09:00:00Z')
  await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'Today round',
      opensAt: new Date('2027-03-15T00:00:00Z'),
      shortlist: [
        await makeIdea(db, target, 'Fuzz the TCP stack'),
        await makeIdea(db, target, 'Doc days'),
      ],
    },
    dana,
    now,
    db,
  )
  expect((await sendReminders(new Date('2027-03-15T09:05:00Z'), db)).roundVoting).toBe(0)
})

test('a round’s “open for voting” notice says when the reader voted and, once it closed, where the decision is', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await createAccount(db, 'dana', 'maintainer')
  const ari = await createAccount(db, 'ari', 'maintainer')
  const opens = new Date('2027-03-01T09:00:00Z')
  const voted = new Date('2027-03-02T09:00:00Z')
  const closed = new Date('2027-03-04T09:00:00Z')
  const [fuzz, docs] = [
    await makeIdea(db, target, 'Fuzz the TCP stack'),
    await makeIdea(db, target, 'Doc days'),
  ]
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'March round',
      opensAt: opens,
      shortlist: [fuzz, docs],
    },
    dana,
    opens,
    db,
  )
  const roundOf = async () => (await listNotifications(ari.id, null, db)).items[0]?.round
  const rendered = async () =>
    (
      await renderInRouter(
        createElement(NotificationList, {
          items: JSON.parse(JSON.stringify((await listNotifications(ari.id, null, db)).items)),
        }),
      )
    ).replace(/<[^>]+>/g, '')
  expect(await roundOf()).toEqual({ closedAt: null, votedAt: null })

  await castBallot(roundId, { ...ari, role: 'maintainer' }, [{ id: fuzz, rank: 1 }], voted, db)
  // The ballot's time is the database's own clock: only that it is there matters here.
  const afterVote = await roundOf()
  expect(afterVote).toMatchObject({ closedAt: null, votedAt: expect.any(Date) })
  expect(await rendered()).toContain(`You voted on ${formatDate(afterVote!.votedAt!)}`)

  await closeRound(
    roundId,
    {
      method: 'picked',
      agreedIdeaIds: [fuzz],
      rationale: 'Fuzzing first.',
      others: [{ ideaId: docs, outcome: 'deferred', disposition: 'ideation', reason: 'Later.' }],
    },
    dana,
    closed,
    db,
  )
  // The round is over: the notice no longer reads as a call to vote.
  expect(await roundOf()).toMatchObject({ closedAt: closed })
  expect(await rendered()).toContain(
    `Voting is over: closed on ${formatDate(closed)}. See the decision`,
  )
})

test('closing a round marks every maintainer’s calls to vote in it read; another round’s stay new', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const other = await makeTarget(db, 'MirageOS 4.0')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const ari = await createAccount(db, 'ari', 'maintainer')
  const opens = new Date('2027-03-01T09:00:00Z')
  const open = async (on: typeof target, name: string) => {
    const shortlist = [await makeIdea(db, on, `${name} A`), await makeIdea(db, on, `${name} B`)]
    return {
      shortlist,
      id: await openRound(
        { releaseTargetId: on.targetId, name, opensAt: opens, shortlist },
        dana,
        opens,
        db,
      ),
    }
  }
  const march = await open(target, 'March round')
  await open(other, 'Other round')
  // Near the close: both rounds remind Ari, who has not voted.
  await sendReminders(new Date('2027-03-30T09:00:00Z'), db, { email: false })
  const newest = async () => (await listNewestUnread(ari.id, 20, db)).map((n) => n.title)
  expect(await newest()).toHaveLength(4)

  await castBallot(
    march.id,
    { ...dana, role: 'maintainer' },
    [{ id: march.shortlist[0]!, rank: 1 }],
    opens,
    db,
  )
  await closeRound(
    march.id,
    {
      method: 'picked',
      agreedIdeaIds: [march.shortlist[0]!],
      rationale: 'First things first.',
      others: [
        {
          ideaId: march.shortlist[1]!,
          outcome: 'deferred',
          disposition: 'ideation',
          reason: 'Later.',
        },
      ],
    },
    dana,
    new Date('2027-03-30T10:00:00Z'),
    db,
  )
  // March's calls to vote ask nothing of Ari now; the other round's still do.
  const left = await newest()
  expect(left).toHaveLength(2)
  expect(left.every((title) => title.startsWith('Other round (MirageOS 4.0)'))).toBe(true)
  expect(await countUnread(ari.id, db)).toBe(2)
  // The inbox keeps them, read.
  expect((await listNotifications(ari.id, null, db)).items).toHaveLength(4)
})

test('an idea’s author hears in which round it was decided, where it goes and why, and lands on its page, whose top says so', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await createAccount(db, 'dana', 'maintainer')
  const cam = await createAccount(db, 'cam')
  const opens = new Date('2027-03-01T09:00:00Z')
  const [fuzz, signing, gui] = [
    await makeIdea(db, target, 'Fuzz the TCP stack', { authorId: cam.id }),
    await makeIdea(db, target, 'Image signing', { authorId: cam.id }),
    await makeIdea(db, target, 'A GUI', { authorId: cam.id }),
  ]
  const shortlist = [fuzz, signing, gui]
  const roundId = await openRound(
    { releaseTargetId: target.targetId, name: 'March round', opensAt: opens, shortlist },
    dana,
    opens,
    db,
  )
  await castBallot(roundId, { ...dana, role: 'maintainer' }, [{ id: fuzz, rank: 1 }], opens, db)
  await closeRound(
    roundId,
    {
      method: 'picked',
      agreedIdeaIds: [fuzz],
      rationale: 'Fuzzing first.',
      others: [
        { ideaId: signing, outcome: 'deferred', disposition: 'ideation', reason: 'After 3.0.' },
        { ideaId: gui, outcome: 'declined', disposition: 'archived', reason: 'Out of scope.' },
      ],
    },
    dana,
    new Date('2027-03-10T09:00:00Z'),
    db,
  )
  const decided = (await listNotifications(cam.id, null, db)).items.filter(
    (item) => item.kind === 'idea_decided',
  )
  // Each lands on its idea's page, whose top says the decision with its round and reason.
  expect(decided.map((item) => item.link).sort()).toEqual(
    [fuzz, signing, gui].map((id) => `/roadmap/ideas/${id}`).sort(),
  )
  expect(decided.map((item) => item.title).sort()).toEqual([
    '“A GUI” is declined in March round (MirageOS 3.0) and archived: Out of scope.',
    '“Fuzz the TCP stack” is agreed in March round (MirageOS 3.0): it is an effort on the roadmap now',
    '“Image signing” is deferred in March round (MirageOS 3.0), back to ideation: After 3.0.',
  ])
})

test('a new idea in an area tells the area’s followers: not its author, nor who unfollowed it, nor who turned the kind off', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const area = target.areas.quality
  const author = await createGitHubAccount(db, 'author')
  const follower = await createGitHubAccount(db, 'follower')
  const quitter = await createGitHubAccount(db, 'quitter')
  const silenced = await createGitHubAccount(db, 'silenced')
  const bystander = await createGitHubAccount(db, 'bystander')
  const otherArea = await createGitHubAccount(db, 'other-area')
  for (const person of [author, follower, quitter, silenced]) {
    await setFollowing(person.id, { type: 'area', id: area }, true, db)
  }
  await setFollowing(quitter.id, { type: 'area', id: area }, false, db)
  await setFollowing(otherArea.id, { type: 'area', id: target.areas.docs }, true, db)
  await setDelivery(silenced.id, 'idea_proposed', 'off', db)

  const ideaId = await proposeIdea(
    { author, areaId: area, title: 'Fuzz the TCP stack', description: '', links: '' },
    db,
  )

  const { items } = await listNotifications(follower.id, null, db)
  expect(items).toMatchObject([
    {
      kind: 'idea_proposed',
      title: 'New idea in Quality and testing: “Fuzz the TCP stack”',
      link: `/roadmap/ideas/${ideaId}`,
      is_demo_action: false,
    },
  ])
  for (const person of [author, quitter, silenced, bystander, otherArea]) {
    expect(await titlesFor(person.id)).toEqual([])
  }
})

test('an idea moved into a followed area tells its followers, once per idea however often it moves, never its author', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await createAccount(db, 'dana', 'maintainer')
  const author = await createGitHubAccount(db, 'author')
  const both = await createGitHubAccount(db, 'both')
  const docsOnly = await createGitHubAccount(db, 'docs-only')
  for (const person of [author, both]) {
    await setFollowing(person.id, { type: 'area', id: target.areas.quality }, true, db)
  }
  for (const person of [author, both, docsOnly]) {
    await setFollowing(person.id, { type: 'area', id: target.areas.docs }, true, db)
  }
  const ideaId = await proposeIdea(
    {
      author,
      areaId: target.areas.quality,
      title: 'Write a unikernel tutorial',
      description: '',
      links: '',
    },
    db,
  )
  await moveIdea(ideaId, target.areas.docs, dana, db)
  await moveIdea(ideaId, target.areas.quality, dana, db)

  // Told of it where it was proposed; its moves after are the same idea, not news again.
  expect(await titlesFor(both.id)).toEqual([
    'New idea in Quality and testing: “Write a unikernel tutorial”',
  ])
  expect(await titlesFor(docsOnly.id)).toEqual([
    '“Write a unikernel tutorial” is moved into Docs and onboarding',
  ])
  expect(await titlesFor(author.id)).toEqual([])
  // A demo maintainer moved it: a demo action.
  const { items } = await listNotifications(docsOnly.id, null, db)
  expect(items[0]!.is_demo_action).toBe(true)
})

test('a demo person’s proposal is a demo action in her followers’ inboxes; the demo seed’s ideas tell nobody', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const follower = await createGitHubAccount(db, 'follower')
  await setFollowing(follower.id, { type: 'area', id: target.areas.docs }, true, db)
  const noor = { id: await ensureDemoAccount(DEMO_PEOPLE[3], db), login: 'demo-newcomer' }
  await makeIdea(db, target, 'Seeded idea', { areaId: target.areas.docs, authorId: noor.id })
  await proposeIdea(
    {
      author: noor,
      areaId: target.areas.docs,
      title: 'Mirage on a Pi',
      description: '',
      links: '',
    },
    db,
  )
  const { items } = await listNotifications(follower.id, null, db)
  expect(items.map((item) => [item.title, item.is_demo_action])).toEqual([
    ['New idea in Docs and onboarding: “Mirage on a Pi”', true],
  ])
})

test('following an area that is not on the roadmap is refused with the reason, and nothing is written', async () => {
  const db = getDb()
  const person = await createGitHubAccount(db, 'person')
  await expect(
    setFollowing(person.id, { type: 'area', id: 424242 }, true, db),
  ).rejects.toMatchObject({
    status: 404,
    message: 'There is no area 424242 on the roadmap.',
  })
  expect(await listFollows(person.id, db)).toEqual([])
})

test('round notices name the release target: two targets’ “January 2027 round”s are told apart', async () => {
  const db = getDb()
  const three = await makeTarget(db, 'MirageOS 3.0')
  const four = await makeTarget(db, 'MirageOS 4.0')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const ari = await createAccount(db, 'ari', 'maintainer')
  const cam = await createGitHubAccount(db, 'cam')
  const now = new Date('2027-01-04T09:00:00Z')
  const fuzz = await makeIdea(db, three, 'Fuzz the TCP stack', { authorId: cam.id })
  const open = async (target: typeof three, opensAt: Date) =>
    openRound(
      {
        releaseTargetId: target.targetId,
        name: '',
        opensAt,
        shortlist:
          target === three
            ? [fuzz, await makeIdea(db, three, 'Doc days')]
            : [await makeIdea(db, four, 'Solo5 on arm64'), await makeIdea(db, four, 'Doc days')],
      },
      dana,
      now,
      db,
    )
  await open(three, new Date('2027-01-04T00:00:00Z'))
  await open(four, new Date('2027-01-11T00:00:00Z'))
  expect(await titlesFor(ari.id)).toEqual(
    expect.arrayContaining([
      'January 2027 round (MirageOS 3.0) is open for voting',
      'January 2027 round (MirageOS 4.0) is scheduled: voting opens on 11 Jan 2027',
    ]),
  )
  expect(await titlesFor(cam.id)).toEqual([
    '“Fuzz the TCP stack” is shortlisted for January 2027 round (MirageOS 3.0)',
  ])
  // The reminders job: voting begins in 4.0's, then both close within 2 days.
  await sendReminders(new Date('2027-01-11T00:05:00Z'), db, { email: false })
  expect((await titlesFor(ari.id))[0]).toBe(
    'January 2027 round (MirageOS 4.0) is open for voting until 11 Feb 2027',
  )
  await sendReminders(new Date('2027-02-03T09:00:00Z'), db, { email: false })
  expect((await titlesFor(ari.id)).filter((title) => title.includes('closes on'))).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^January 2027 round \(MirageOS 3\.0\) closes on /),
    ]),
  )
})

test('beside "Waiting for maintainers", the newest notices leave out those about an open round, whichever its notice, and an unanswered request', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const sam = await createAccount(db, 'sam', 'maintainer')
  const noor = await createAccount(db, 'noor')
  const target = await makeTarget(db)
  const ideas = [await makeIdea(db, target, 'Fuzzing'), await makeIdea(db, target, 'Docs')]
  const opensAt = new Date(Date.now() - DAY_MS)
  // Sam opens it: Dana hears of it.
  const roundId = await openRound(
    { releaseTargetId: target.targetId, name: 'March', opensAt, shortlist: ideas },
    sam,
    new Date(),
    db,
  )
  const round = await db
    .selectFrom('round')
    .select(['id', 'opens_at', 'closes_at'])
    .where('id', '=', roundId)
    .executeTakeFirstOrThrow()
  const notice = (eventKey: string) => ({
    accountId: dana.id,
    kind: 'round_closing' as const,
    eventKey,
    title: eventKey,
    link: '/',
  })
  // The reminders' keys, and those of another round (id + 10, not open) and of other news.
  await notify(
    db,
    [
      notice(roundVotingKey(round)),
      notice(roundClosingKey(round)),
      notice(roundClosingKey({ ...round, id: round.id + 10 })),
      notice('other'),
    ],
    { email: false },
  )
  const requestId = await createGapRequest(ask(['storage']), noor, db)
  const titles = async (besidesWaitingWork: boolean) =>
    (await listNewestUnread(dana.id, 20, db, { besidesWaitingWork })).map((n) => n.title)

  expect(await titles(false)).toHaveLength(6)
  expect(await titles(true)).toEqual(['other', roundClosingKey({ ...round, id: round.id + 10 })])
  // Answered, a request waits no more; its notice, read by the answer, is no longer unread.
  await answerGapRequest(requestId, { projectId: null }, dana, db)
  expect(await titles(true)).toHaveLength(2)
})

test('beside "Waiting for maintainers", the newest notices leave out an offer to mentor while it waits on an open project', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const kim = await createGitHubAccount(db, 'kim')
  const open = await createProject(db, { title: 'TCP tests', mentors: [] })
  const done = await createProject(db, { title: 'DNS tests', mentors: [] })
  await offerToMentor(open, { ...kim, isMaintainer: false }, db)
  await offerToMentor(done, { ...kim, isMaintainer: false }, db)
  // Done, the project offers no "Add as mentor": the queue does not list it, so the notice stays.
  await db.updateTable('starter_project').set({ status: 'done' }).where('id', '=', done).execute()
  const titles = async (besidesWaitingWork: boolean) =>
    (await listNewestUnread(dana.id, 20, db, { besidesWaitingWork })).map((n) => n.title)

  expect(await titles(false)).toHaveLength(2)
  expect(await titles(true)).toEqual(['kim offers to mentor “DNS tests”'])
  expect(await getUnreadSummary(dana.id, db, { countWaitingWork: true })).toMatchObject({
    count: 2,
    aboutWaitingWork: 1,
  })
})
