import { sql } from 'kysely'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { renderInRouter, renderRouteWith } from '../../test/render'
import { callAction, callLoader, loaderArgs } from '../../test/route-requests'
import {
  createAccount,
  createGitHubAccount,
  createMaintainer,
  createProject,
  starterInput,
} from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { setFollowing } from '../notifications/inbox.server'
import { claimStarterProject, endClaim } from '../starter/claim.server'
import { mentorsNamedText } from '../starter/listed'
import { getProjectVersion } from '../starter/project-version.server'
import { rateStarterProject, updateStarterProject } from '../starter/project.server'
import { ClaimHistory } from '../starter/ui/claim-history'
import { ClaimNextStep, ClaimPanel, DoneBy } from '../starter/ui/claim-panel'
import { ProjectFacts } from '../starter/ui/project-facts'
import { ProjectRatings } from '../starter/ui/project-ratings'
import { formatDate } from '../utils/format'

import { loader as meLoader } from './me._index'
import StarterProjectRoute, { action, loader } from './starter.$id'
import EditRoute, { loader as editLoader } from './starter.$id_.edit'

const getDb = setupTestDatabase()

// A thrown Response (the 404) rejects here: the tests check that the loader throws it.
async function load(id: string | number, accountId?: number) {
  const response = await loader(
    await loaderArgs(`/starter/${id}`, { accountId, params: { id: String(id) } }),
  )
  return response.json()
}

/** The project's facts, as its page renders them (`props` stand in for the page's), as text. */
async function factsText(id: number, props: Partial<Parameters<typeof ProjectFacts>[0]> = {}) {
  const page = JSON.parse(JSON.stringify(await load(id)))
  const html = await renderInRouter(
    createElement(ProjectFacts, {
      mentors: page.project.mentors,
      mentorsNamed: mentorsNamedText(page.project),
      mentorsNamedByDemo: page.project.mentorsNamedByDemo,
      mentorContact: page.project.mentorContact,
      hasMentorContact: page.project.hasMentorContact,
      issue: page.project.issue,
      labelStatus: null,
      repos: page.repos,
      relatedIssues: page.relatedIssues,
      ...props,
    }),
  )
  return html.replace(/<[^>]+>/g, ' ')
}

const post = (id: string | number, form: Record<string, string>, accountId?: number) =>
  callAction(action, `/starter/${id}`, form, { accountId, params: { id: String(id) } })

async function claimRows() {
  return getDb()
    .selectFrom('starter_claim')
    .select(['id', 'account_id', 'ended_at', 'outcome'])
    .orderBy('id')
    .execute()
}

async function feedbackRows() {
  return getDb().selectFrom('claim_feedback').selectAll().execute()
}

test('an unknown or non-numeric project id is a 404', async () => {
  for (const id of ['999999', 'abc', '0', '1e3', '12345678901']) {
    await expect(load(id)).rejects.toMatchObject({ status: 404 })
  }
})

test('the page shows the project: sanitised summary, legacy note, links, issue states', async () => {
  const repo = repositoryPayload('mirage/mirage-tcpip')
  await mirror(getDb(), repo, [issuePayload(repo.full_name, 207, { title: 'Window scaling' })])
  const id = await createProject(
    getDb(),
    {
      summary: 'Make **TCP** faster <script>alert(1)</script>',
      readFirst: '[RFC 7323](https://example.org/rfc7323)',
      repos: ['mirage/mirage-tcpip', 'mirage/not-mirrored'],
      relatedIssues: ['mirage/mirage-tcpip#207', 'mirage/elsewhere#3'],
      mentors: ['Hannes'],
      size: null,
    },
    null,
    { legacyNote: '5-star project in the 2015 list' },
  )
  const data = await load(id)
  expect(data.summaryHtml).toContain('<strong>TCP</strong>')
  expect(data.summaryHtml).not.toContain('<script')
  expect(data.readFirstHtml).toContain('https://example.org/rfc7323')
  expect(data.project.legacyNote).toBe('5-star project in the 2015 list')
  expect(data.project.size).toBeNull()
  expect(data.project.mentors.map((m: { name: string }) => m.name)).toEqual(['Hannes'])
  expect(data.repos).toEqual([
    { name: 'mirage/mirage-tcpip', isMirrored: true, isLinkable: true },
    { name: 'mirage/not-mirrored', isMirrored: false, isLinkable: true },
  ])
  expect(data.relatedIssues).toEqual([
    {
      ref: 'mirage/mirage-tcpip#207',
      repo: 'mirage/mirage-tcpip',
      number: 207,
      mirrored: { title: 'Window scaling', state: 'open', isPullRequest: false },
    },
    { ref: 'mirage/elsewhere#3', repo: 'mirage/elsewhere', number: 3, mirrored: null },
  ])
  expect(data.viewer).toBeNull()
})

test('signing in is needed to act on a project', async () => {
  const id = await createProject(getDb())
  const response = await post(id, { intent: 'claim' })
  expect(response.status).toBe(401)
  expect(await claimRows()).toEqual([])
})

test('a claim is always the signed-in person’s, whatever account the form names', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb())
  const response = await post(
    id,
    { intent: 'claim', accountId: String(ben.id), account_id: String(ben.id), login: 'ben' },
    ana.id,
  )
  expect(response.status).toBe(200)
  expect((await claimRows()).map((claim) => claim.account_id)).toEqual([ana.id])
  const page = await load(id, ben.id)
  expect(page.project.status).toBe('claimed')
  expect(page.claims.map((claim: { login: string }) => claim.login)).toEqual(['ana'])
})

test('claiming says the claimant follows the project now, and My work lists it', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb(), { title: 'DNS resolver' })
  const response = await post(id, { intent: 'claim' }, ana.id)
  expect((await response.json()).message).toBe(
    'You are working on this now. You follow it now: its news comes to your Inbox.',
  )
  const me = await (await callLoader(meLoader, '/me', { accountId: ana.id })).json()
  expect(me.following).toEqual([expect.objectContaining({ subject_id: id, following: true })])
})

test('claiming an already-claimed project answers 409 with who holds it', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb())
  await post(id, { intent: 'claim' }, ana.id)
  const before = await claimRows()
  const response = await post(id, { intent: 'claim' }, ben.id)
  expect(response.status).toBe(409)
  expect((await response.json()).message).toMatch(/ana is already working/)
  expect(await claimRows()).toEqual(before)
})

test('acting on a project that does not exist is a 404', async () => {
  const ana = await createAccount(getDb(), 'ana')
  expect((await post(999_999, { intent: 'claim' }, ana.id)).status).toBe(404)
  expect((await post('nope', { intent: 'claim' }, ana.id)).status).toBe(404)
})

test('an unknown intent or a missing claim id is a 400 that changes nothing', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  const unknown = await post(id, { intent: 'steal' }, ana.id)
  expect(unknown.status).toBe(400)
  expect((await unknown.json()).message).toMatch(/not something this page can do/)
  const missing = await post(id, { intent: 'renew' }, ana.id)
  expect(missing.status).toBe(400)
  expect((await missing.json()).message).toMatch(/which claim/)
  expect(await claimRows()).toEqual([])
})

test('renewing or ending someone else’s claim is a 403', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb())
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  const before = await claimRows()
  for (const intent of ['renew', 'finish', 'abandon']) {
    const response = await post(id, { intent, claimId: String(claim!.id) }, ben.id)
    expect(response.status).toBe(403)
  }
  expect(await claimRows()).toEqual(before)
})

test('contributors cannot release claims; maintainers release active ones only when confirmed', async () => {
  const [ana, ben, mia] = [
    await createAccount(getDb(), 'ana'),
    await createAccount(getDb(), 'ben'),
    await createAccount(getDb(), 'mia', 'maintainer'),
  ]
  const id = await createProject(getDb())
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  const form = { intent: 'release', claimId: String(claim!.id) }
  expect((await post(id, form, ben.id)).status).toBe(403)
  expect((await post(id, form, ana.id)).status).toBe(403)
  const unconfirmed = await post(id, form, mia.id)
  expect(unconfirmed.status).toBe(409)
  expect((await claimRows())[0]?.ended_at).toBeNull()
  expect((await post(id, { ...form, confirm: 'yes' }, mia.id)).status).toBe(200)
  expect((await claimRows())[0]?.outcome).toBe('released')
})

test('a stale claim shows as stale and a maintainer releases it without confirming', async () => {
  const [ana, mia] = [
    await createAccount(getDb(), 'ana'),
    await createAccount(getDb(), 'mia', 'maintainer'),
  ]
  const id = await createProject(getDb())
  await post(id, { intent: 'claim' }, ana.id)
  await getDb()
    .updateTable('starter_claim')
    .set({ expires_at: sql<Date>`now() - interval '1 day'` })
    .execute()
  const page = await load(id, mia.id)
  expect(page.project.status).toBe('open')
  expect(page.claims).toMatchObject([{ login: 'ana', is_running: false, is_stale: true }])
  const [claim] = await claimRows()
  expect((await post(id, { intent: 'release', claimId: String(claim!.id) }, mia.id)).status).toBe(
    200,
  )
})

test('finish, then the feedback form appears for that person only, and takes one report', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb(), { size: 'week' })
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  const finished = await post(id, { intent: 'finish', claimId: String(claim!.id) }, ana.id)
  expect((await finished.json()).message).toMatch(/marked done/)

  const anasPage = await load(id, ana.id)
  expect(anasPage.project.status).toBe('done')
  expect(anasPage.awaitingFeedback?.id).toBe(claim!.id)
  expect((await load(id, ben.id)).awaitingFeedback).toBeNull()

  const report = {
    intent: 'feedback',
    claimId: String(claim!.id),
    languageStars: '3',
    domainStars: '2',
    timeTaken: 'month',
    note: 'Needed functors',
  }
  // Ben never claimed it.
  expect((await post(id, report, ben.id)).status).toBe(403)
  const sent = await post(id, report, ana.id)
  expect(sent.status).toBe(200)
  // What this report did, by the board's drift rule (2 reports, 0.75★ by default), in its case:
  // nobody here to tell (no maintainer, no mentor), one report of the two that flag it.
  expect((await sent.json()).message).toBe(
    'Thank you: your report is recorded and shown (averaged) beside the maintainers’ rating. You found it harder than rated: OCaml 3★ met, rated 1★; Domain 2★ met, rated 1★: no maintainer or mentor here was told (none to tell, or they turned these notices off). Once 2 reports say so on average, the maintainers are asked to rate it again (1 report so far).',
  )
  expect((await post(id, report, ana.id)).status).toBe(409)
  expect(await feedbackRows()).toMatchObject([
    { language_stars: 3, domain_stars: 2, time_taken: 'month', note: 'Needed functors' },
  ])
  const after = await load(id, ana.id)
  expect(after.awaitingFeedback).toBeNull()
  expect(after.project.perceived).toEqual({
    languageStars: 3,
    domainStars: 2,
    reports: 1,
    demoReports: 1,
  })
})

test('the thanks for a report says what it did: agreeing, nothing to change; disagreeing, who was told and how many reports flag it', async () => {
  const [ana, ben, cam] = [
    await createAccount(getDb(), 'ana'),
    await createAccount(getDb(), 'ben'),
    await createAccount(getDb(), 'cam'),
  ]
  await createAccount(getDb(), 'mia', 'maintainer')
  const id = await createProject(getDb(), { languageStars: 1, domainStars: 2 })
  const reportOn = async (person: { id: number }, languageStars: string, domainStars: string) => {
    await post(id, { intent: 'claim' }, person.id)
    const claim = (await claimRows()).find((row) => row.account_id === person.id)!
    await post(id, { intent: 'abandon', claimId: String(claim.id) }, person.id)
    const sent = await post(
      id,
      {
        intent: 'feedback',
        claimId: String(claim.id),
        languageStars,
        domainStars,
        timeTaken: 'week',
      },
      person.id,
    )
    expect(sent.status).toBe(200)
    return ((await sent.json()) as { message: string }).message
  }
  const thanks =
    'Thank you: your report is recorded and shown (averaged) beside the maintainers’ rating.'
  expect(await reportOn(ana, '1', '2')).toBe(
    `${thanks} It is within 0.75★ of the rating on both axes, so nobody is asked to change it.`,
  )
  // Mia, the maintainer, was told; on average (1★ and 2★: 1.5★) the two reports do not flag it.
  expect(await reportOn(ben, '2', '2')).toBe(
    `${thanks} You found it harder than rated: OCaml 2★ met, rated 1★: the maintainers and the project’s mentors have been told. Once 2 reports say so on average, the maintainers are asked to rate it again (2 reports so far).`,
  )
  // 1★, 2★ and 3★: 2★ on average, a star off: flagged by the calibration page's rule.
  expect(await reportOn(cam, '3', '2')).toBe(
    `${thanks} You found it harder than rated: OCaml 3★ met, rated 1★: the maintainers and the project’s mentors have been told. The reports so far (3 reports) put it among the ratings the maintainers are asked to redo.`,
  )
  // On an axis nobody rated, a report disagrees with nothing: it waits for a first rating.
  const unrated = await createProject(getDb(), { languageStars: null, domainStars: 2 })
  await post(unrated, { intent: 'claim' }, ana.id)
  const claim = (await claimRows()).at(-1)!
  await post(unrated, { intent: 'abandon', claimId: String(claim.id) }, ana.id)
  const sent = await post(
    unrated,
    {
      intent: 'feedback',
      claimId: String(claim.id),
      languageStars: '3',
      domainStars: '2',
      timeTaken: 'day',
    },
    ana.id,
  )
  expect(((await sent.json()) as { message: string }).message).toBe(
    `${thanks} Where the project is rated, it agrees within 0.75★; an axis nobody has rated yet is listed for the maintainers to rate once it has 2 reports.`,
  )
})

test('a report on a finished claim points to the finder one step up, in the project’s domains; a stopped one does not', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const report = { intent: 'feedback', languageStars: '2', domainStars: '2', timeTaken: 'week' }
  const finishedId = await createProject(getDb(), {
    primaryDomain: 'tooling',
    secondaryDomains: ['security'],
    languageStars: 1,
  })
  await post(finishedId, { intent: 'claim' }, ana.id)
  const [anas] = await claimRows()
  await post(finishedId, { intent: 'finish', claimId: String(anas!.id) }, ana.id)
  const sent = await post(finishedId, { ...report, claimId: String(anas!.id) }, ana.id)
  const { nextProject } = await sent.json()
  expect(nextProject).toMatchObject({
    href: '/starter?level=some&know=security&know=tooling&stepUp=1',
    isStepUp: true,
  })
  // Said under the thanks, with the link (before, a bare /starter: her old background).
  const html = await renderInRouter(
    createElement(ClaimNextStep, {
      intent: 'feedback',
      guide: { hasReadFirst: false, hasMentors: false, toldMentors: [], issue: null },
      nextProject,
      languageName: 'OCaml',
    }),
  )
  expect(html).toContain(
    'href="/starter?level=some&amp;know=security&amp;know=tooling&amp;stepUp=1"',
  )
  expect(html).toContain(
    'Find your next project, a step up</a>: the finder opens set to OCaml up to 2★ and security and tooling as domains you know.',
  )

  const stoppedId = await createProject(getDb(), { primaryDomain: 'tooling' })
  await post(stoppedId, { intent: 'claim' }, ben.id)
  const bens = (await claimRows()).at(-1)
  await post(stoppedId, { intent: 'abandon', claimId: String(bens!.id) }, ben.id)
  const stopped = await post(stoppedId, { ...report, claimId: String(bens!.id) }, ben.id)
  expect(stopped.status).toBe(200)
  expect((await stopped.json()).nextProject).toBeNull()
})

test('whoever has just finished it is asked for the report, not pointed to another project above it', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb(), { size: 'week' })
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  await post(id, { intent: 'finish', claimId: String(claim!.id) }, ana.id)
  const panel = async (
    accountId: number,
    feedbackForm: ReturnType<typeof createElement> | null,
  ) => {
    const page = JSON.parse(JSON.stringify(await load(id, accountId)))
    return (
      await renderInRouter(
        createElement(ClaimPanel, {
          project: page.project,
          viewer: page.viewer,
          claims: page.claims,
          finishers: page.finishers,
          claimDays: page.claimDays,
          feedbackForm,
        }),
      )
    ).replace(/<[^>]+>/g, '')
  }
  const anas = await panel(ana.id, createElement('p', null, 'How hard was it really?'))
  expect(anas).toContain('How hard was it really?')
  expect(anas).not.toContain('find an open project')
  // Anyone else, and Ana once she has reported (no form), are pointed onwards.
  expect(await panel(ben.id, null)).toContain('It is done: find an open project.')
  expect(await panel(ana.id, null)).toContain('It is done: find an open project.')
  // Not right under the report's thanks, which offer her next project a step up.
  const page = JSON.parse(JSON.stringify(await load(id, ana.id)))
  const underThanks = await renderInRouter(
    createElement(ClaimPanel, {
      project: page.project,
      viewer: page.viewer,
      claims: page.claims,
      finishers: page.finishers,
      claimDays: page.claimDays,
      feedbackForm: null,
      isNextProjectOffered: true,
    }),
  )
  expect(underThanks).toContain('Done by')
  expect(underThanks).not.toContain('find an open project')
})

test('a project someone else works on offers following it, to be told if they stop or finish or when it is free again', async () => {
  const db = getDb()
  const [ana, ben] = [await createGitHubAccount(db, 'ana'), await createGitHubAccount(db, 'ben')]
  const id = await createProject(db, { size: 'week' })
  await post(id, { intent: 'claim' }, ana.id)
  const pageText = async (accountId?: number) =>
    (await renderRouteWith(StarterProjectRoute, await load(id, accountId), `/starter/${id}`))
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, '')
  expect(await pageText(ben.id)).toContain(
    'Someone is working on it: find an open project, or follow this one (Follow, above) to be told in your Inbox if they stop or finish, or when it is free again.',
  )
  await setFollowing(ben.id, { type: 'project', id }, true, db)
  expect(await pageText(ben.id)).toContain(
    'Someone is working on it: find an open project. You follow this one: your Inbox tells you if they stop or finish, or when it is free again.',
  )
  // What the page promises is what a follower is told.
  const claim = (await claimRows())[0]!
  await post(id, { intent: 'abandon', claimId: String(claim.id) }, ana.id)
  expect(
    await db
      .selectFrom('notification')
      .select(['kind', 'title'])
      .where('account_id', '=', ben.id)
      .execute(),
  ).toEqual([
    { kind: 'project_abandoned', title: expect.stringMatching(/^ana stopped working on/) },
  ])
  // Signed out, there is no Follow button to point to.
  await post(id, { intent: 'claim' }, ana.id)
  expect(await pageText()).toContain('Someone is working on it: find an open project.')
  expect(await pageText()).not.toContain('follow this one')
  // Released by a maintainer, it is free again, and the follower hears it.
  const mia = await createMaintainer(db, 'mia')
  const again = (await claimRows()).at(-1)!
  const released = await post(
    id,
    { intent: 'release', claimId: String(again.id), confirm: 'yes' },
    mia.id,
  )
  expect(released.status).toBe(200)
  expect(
    await db
      .selectFrom('notification')
      .select(['kind', 'title'])
      .where('account_id', '=', ben.id)
      .where('kind', '=', 'project_freed')
      .execute(),
  ).toEqual([
    {
      kind: 'project_freed',
      title: expect.stringMatching(/is free again: mia released the claim by ana$/),
    },
  ])
})

test('finishing an elastic project says it stays open for the others only when others work on it', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb(), { size: 'elastic' })
  await post(id, { intent: 'claim' }, ana.id)
  await post(id, { intent: 'claim' }, ben.id)
  const [anas, bens] = await claimRows()
  const first = await post(id, { intent: 'finish', claimId: String(anas!.id) }, ana.id)
  expect((await first.json()).message).toMatch(/stays open for the others working on it\./)
  // Ben was the last one on it: nobody is left to call "the others".
  const last = await post(id, { intent: 'finish', claimId: String(bens!.id) }, ben.id)
  const message = (await last.json()).message as string
  expect(message).not.toMatch(/the others/)
  expect(message).toMatch(/stays open for whoever takes it up next\./)
})

test('a report with stars outside 1-3 or an unknown time is a 400 naming the field', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  await post(id, { intent: 'abandon', claimId: String(claim!.id) }, ana.id)
  const report = {
    intent: 'feedback',
    claimId: String(claim!.id),
    languageStars: '2',
    domainStars: '2',
    timeTaken: 'week',
  }
  for (const [field, value] of [
    ['languageStars', '4'],
    ['domainStars', '0'],
    ['timeTaken', 'year'],
  ] as const) {
    const response = await post(id, { ...report, [field]: value }, ana.id)
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(Object.keys(body.fieldErrors)).toEqual([field])
    // The person's answers come back, so the form can show them again.
    expect(body.values).toMatchObject({ ...report, [field]: value })
  }
  expect(await feedbackRows()).toEqual([])
})

test('a report without the time it took names the choices as the form shows them', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  await post(id, { intent: 'finish', claimId: String(claim!.id) }, ana.id)
  const response = await post(
    id,
    { intent: 'feedback', claimId: String(claim!.id), languageStars: '1', domainStars: '1' },
    ana.id,
  )
  expect(response.status).toBe(400)
  const body = await response.json()
  expect(body.fieldErrors.timeTaken).toBe(
    'choose one of “About a day”, “About a week”, “About a month”, “Longer”',
  )
})

test('feedback for a claim still running is a 409', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  const response = await post(
    id,
    {
      intent: 'feedback',
      claimId: String(claim!.id),
      languageStars: '1',
      domainStars: '1',
      timeTaken: 'day',
    },
    ana.id,
  )
  expect(response.status).toBe(409)
  expect(await feedbackRows()).toEqual([])
})

test('maintainers see earlier claims and the edit link data; others do not', async () => {
  const [ana, mia] = [
    await createAccount(getDb(), 'ana'),
    await createAccount(getDb(), 'mia', 'maintainer'),
  ]
  const id = await createProject(getDb(), { size: 'elastic' })
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  await post(id, { intent: 'abandon', claimId: String(claim!.id) }, ana.id)
  const maintainerView = await load(id, mia.id)
  expect(maintainerView.viewer?.isMaintainer).toBe(true)
  expect(maintainerView.endedClaims).toMatchObject([{ login: 'ana', outcome: 'abandoned' }])
  expect((await load(id, ana.id)).endedClaims).toEqual([])
  expect((await load(id)).endedClaims).toEqual([])
})

test('a mentor by her account reads how claims on her project ended and what was reported; whom to ask to re-rate', async () => {
  const db = getDb()
  const [mo, nia, ana, mia] = [
    await createGitHubAccount(db, 'mo'),
    await createGitHubAccount(db, 'nia'),
    await createGitHubAccount(db, 'ana'),
    await createAccount(db, 'mia', 'maintainer'),
  ]
  const id = await createProject(db, { size: 'elastic', mentors: ['@mo'] })
  await post(id, { intent: 'claim' }, nia.id)
  const [claim] = await claimRows()
  await post(id, { intent: 'finish', claimId: String(claim!.id) }, nia.id)
  const report = { languageStars: '3', domainStars: '2', timeTaken: 'month', note: 'Functors!' }
  await post(id, { intent: 'feedback', claimId: String(claim!.id), ...report }, nia.id)

  const pageAs = async (accountId?: number) =>
    (await renderRouteWith(StarterProjectRoute, await load(id, accountId), `/starter/${id}`))
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, '')
  const mentorView = await load(id, mo.id)
  expect(mentorView.viewer).toMatchObject({ isMaintainer: false, isMentor: true })
  expect(mentorView.endedClaims).toMatchObject([
    { login: 'nia', outcome: 'done', reported_language_stars: 3, reported_note: 'Functors!' },
  ])
  const mentorPage = await pageAs(mo.id)
  expect(mentorPage).toContain('Earlier claims (maintainers and this project’s mentors only)')
  expect(mentorPage).toContain('nia: finished')
  expect(mentorPage).toContain('— reported OCaml 3★ · domain 2★ · took about a month: “Functors!”')
  expect(mentorPage).toContain('Only maintainers change the stars.')
  // A maintainer re-rates herself: no one to ask.
  const maintainerPage = await pageAs(mia.id)
  expect(maintainerPage).toContain('“Functors!”')
  expect(maintainerPage).not.toContain('Only maintainers change the stars.')
  // Not her project: who stopped or finished is not listed by name for everyone.
  expect((await load(id, ana.id)).endedClaims).toEqual([])
  expect(await pageAs(ana.id)).not.toContain('Earlier claims')
  expect(await pageAs()).not.toContain('Earlier claims')
})

test('a mentor is not offered “I’m working on this” on her project, maintainer or not; posting it is a 409 that writes nothing', async () => {
  const db = getDb()
  const [mo, mia, kit] = [
    await createGitHubAccount(db, 'mo'),
    await createAccount(db, 'mia', 'maintainer'),
    await createAccount(db, 'kit', 'maintainer'),
  ]
  const id = await createProject(db, { title: 'TCP tests', mentors: ['@mo', '@mia'] })
  const pageText = async (accountId: number) =>
    (await renderRouteWith(StarterProjectRoute, await load(id, accountId), `/starter/${id}`))
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, '')
  for (const mentor of [mo, mia]) {
    const text = await pageText(mentor.id)
    expect(text).not.toContain('I’m working on this')
    expect(text).toContain(
      'You mentor this project, so you don’t claim it: you answer whoever does, here.',
    )
    // Not sent off to "find an open project" either: nobody works on this one.
    expect(text).not.toContain('find an open project')
    const response = await post(id, { intent: 'claim' }, mentor.id)
    expect(response.status).toBe(409)
    expect((await response.json()).message).toMatch(
      /^You mentor this project, so you answer whoever works on it rather than claim it\./,
    )
  }
  expect(await claimRows()).toEqual([])
  // A maintainer who does not mentor it is offered it, as anyone is.
  expect(await pageText(kit.id)).toContain('I’m working on this')
})

test('“Offer to mentor this” tells every maintainer once, leading to the edit page; refused to a maintainer, a mentor already, on a project done, nothing written', async () => {
  const db = getDb()
  const [cam, mo, nia] = [
    await createGitHubAccount(db, 'cam'),
    await createGitHubAccount(db, 'mo'),
    await createAccount(db, 'nia'),
  ]
  const [mia, kit] = [
    await createAccount(db, 'mia', 'maintainer'),
    await createAccount(db, 'kit', 'maintainer'),
  ]
  const id = await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  const offers = () =>
    db
      .selectFrom('notification')
      .select(['account_id', 'title', 'link', 'is_demo_action'])
      .where('kind', '=', 'mentor_offered')
      .orderBy('account_id')
      .execute()
  const pageText = async (accountId?: number) =>
    (
      await renderRouteWith(StarterProjectRoute, await load(id, accountId), `/starter/${id}`)
    ).replace(/<!-- -->/g, '')
  // Offered to whoever could become a mentor here, not to a maintainer nor a mentor already.
  expect(await pageText(cam.id)).toContain('Offer to mentor this')
  for (const accountId of [mo.id, mia.id, undefined]) {
    expect(await pageText(accountId)).not.toContain('Offer to mentor this')
  }

  const offered = await post(id, { intent: 'offer-mentor' }, cam.id)
  expect(offered.status).toBe(200)
  expect((await offered.json()).message).toMatch(/^Offered: the maintainers are told\./)
  expect(await offers()).toEqual(
    [mia, kit].map((maintainer) => ({
      account_id: maintainer.id,
      title: 'cam offers to mentor “TCP tests”',
      link: `/starter/${id}/edit`,
      is_demo_action: false,
    })),
  )
  // Again: nobody is told twice.
  expect((await (await post(id, { intent: 'offer-mentor' }, cam.id)).json()).message).toBe(
    'You offered already: the maintainers were told then.',
  )
  expect(await offers()).toHaveLength(2)
  // A demo person's offer is a demo action in the maintainers' inboxes.
  await post(id, { intent: 'offer-mentor' }, nia.id)
  expect((await offers()).filter((row) => row.title.startsWith('nia'))).toEqual([
    expect.objectContaining({ is_demo_action: true }),
    expect.objectContaining({ is_demo_action: true }),
  ])

  const before = await offers()
  const refused = [
    [mo.id, 409, 'You mentor this project already.'],
    [mia.id, 409, 'You are a maintainer: name yourself a mentor under “Edit / tag”.'],
  ] as const
  for (const [accountId, status, message] of refused) {
    const response = await post(id, { intent: 'offer-mentor' }, accountId)
    expect(response.status).toBe(status)
    expect((await response.json()).message).toBe(message)
  }
  expect((await post(id, { intent: 'offer-mentor' })).status).toBe(401)
  const done = await createProject(db, { title: 'Done one', status: 'done' })
  const late = await post(done, { intent: 'offer-mentor' }, cam.id)
  expect(late.status).toBe(409)
  expect(await offers()).toEqual(before)
})

test('whoever is working on a project is not offered to mentor it; posting it is a 409 that writes nothing; once she stops she may', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  await createAccount(db, 'mia', 'maintainer')
  const id = await createProject(db, { title: 'Telnet server' })
  const pageText = async () =>
    (await renderRouteWith(StarterProjectRoute, await load(id, noor.id), `/starter/${id}`)).replace(
      /<!-- -->/g,
      '',
    )
  expect(await pageText()).toContain('Offer to mentor this')
  await post(id, { intent: 'claim' }, noor.id)
  // Just claimed: her next steps are the claim's, not an offer to mentor her own work.
  expect(await pageText()).not.toContain('Offer to mentor this')
  const refused = await post(id, { intent: 'offer-mentor' }, noor.id)
  expect(refused.status).toBe(409)
  expect((await refused.json()).message).toBe(
    'You are working on this project: offer to mentor it once your claim has ended.',
  )
  expect(await db.selectFrom('mentor_offer').select('id').execute()).toEqual([])
  expect(
    await db.selectFrom('notification').select('id').where('kind', '=', 'mentor_offered').execute(),
  ).toEqual([])
  const [claim] = await claimRows()
  // Stopped: the project is open again, and she may offer to mentor the next person.
  await post(id, { intent: 'abandon', claimId: String(claim!.id) }, noor.id)
  expect(await pageText()).toContain('Offer to mentor this')
  expect((await post(id, { intent: 'offer-mentor' }, noor.id)).status).toBe(200)
})

test('after offering to mentor, the page says when she offered instead of the button, on later visits too; a demo offer is a demo action', async () => {
  const db = getDb()
  const cam = await createGitHubAccount(db, 'cam')
  const nia = await createAccount(db, 'nia')
  const id = await createProject(db, { title: 'TCP tests' })
  const pageText = async (accountId: number) =>
    (await renderRouteWith(StarterProjectRoute, await load(id, accountId), `/starter/${id}`))
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, '')
  // No maintainer yet: nobody was told, so nothing is recorded and the button stays.
  await post(id, { intent: 'offer-mentor' }, cam.id)
  expect(await pageText(cam.id)).toContain('Offer to mentor this')
  expect(await pageText(cam.id)).not.toContain('You offered')

  await createAccount(db, 'mia', 'maintainer')
  expect((await post(id, { intent: 'offer-mentor' }, cam.id)).status).toBe(200)
  const later = await pageText(cam.id)
  expect(later).not.toContain('Offer to mentor this')
  expect(later).toMatch(/You offered to mentor this on \d+ \w+ \d{4}; a maintainer adds mentors\./)
  // Only hers: someone who has not offered still sees the button.
  expect(await pageText(nia.id)).toContain('Offer to mentor this')
  await post(id, { intent: 'offer-mentor' }, nia.id)
  expect(await pageText(nia.id)).toMatch(
    /You offered to mentor this on \d+ \w+ \d{4} \(a demo action\); a maintainer adds mentors\./,
  )
})

async function offerRows(projectId: number) {
  return getDb()
    .selectFrom('mentor_offer')
    .select(['id', 'account_id', 'outcome', 'settled_by', 'is_demo_action'])
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute()
}

async function mentorRows(projectId: number) {
  return getDb()
    .selectFrom('starter_project_mentor')
    .select(['account_id', 'name', 'position'])
    .where('project_id', '=', projectId)
    .orderBy('position')
    .execute()
}

const pageTextOf = async (id: number, accountId?: number) =>
  (await renderRouteWith(StarterProjectRoute, await load(id, accountId), `/starter/${id}`))
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')

test('a maintainer sees the offers to mentor on the project page and its edit page; “Add as mentor” names her as the edit page does, settles the offer and tells her', async () => {
  const db = getDb()
  const cam = await createGitHubAccount(db, 'cam')
  const nia = await createAccount(db, 'nia')
  const dana = await createMaintainer(db, 'dana')
  const id = await createProject(db, { title: 'TCP tests', mentors: ['Hannes'] })
  expect((await post(id, { intent: 'offer-mentor' }, cam.id)).status).toBe(200)
  expect((await post(id, { intent: 'offer-mentor' }, nia.id)).status).toBe(200)
  const [camOffer, niaOffer] = await offerRows(id)
  expect(niaOffer).toMatchObject({ account_id: nia.id, is_demo_action: true, outcome: null })

  const today = formatDate(new Date())
  const danaPage = await pageTextOf(id, dana.id)
  expect(danaPage).toContain('Offers to mentor this')
  expect(danaPage).toContain(`cam offered to mentor this on ${today} Add as mentor Decline`)
  expect(danaPage).toContain(
    `nia (demo person) offered to mentor this on ${today} (a demo action) Add as mentor`,
  )
  // Only maintainers settle offers: the offerer sees her own, nobody's list.
  expect(await pageTextOf(id, cam.id)).not.toContain('Offers to mentor this')
  // The edit page lists them too, posting to the project page.
  const editData = await (
    await callLoader(editLoader, `/starter/${id}/edit`, {
      accountId: dana.id,
      params: { id: String(id) },
    })
  ).json()
  const editHtml = (await renderRouteWith(EditRoute, editData, `/starter/${id}/edit`)).replace(
    /<!-- -->/g,
    '',
  )
  expect(editHtml).toContain('cam offered to mentor this on')
  expect(editHtml).toContain(`action="/starter/${id}"`)
  expect(editHtml).toContain(`name="offerId" value="${camOffer!.id}"`)

  const versionBefore = await getProjectVersion(id, db)
  const added = await post(id, { intent: 'add-mentor', offerId: String(camOffer!.id) }, dana.id)
  expect(added.status).toBe(200)
  expect((await added.json()).message).toBe(
    'cam mentors this project now: they are told, and hear of its claims.',
  )
  // Named after the mentors already listed, recorded as the edit page records it.
  expect(await mentorRows(id)).toEqual([
    { account_id: null, name: 'Hannes', position: 0 },
    { account_id: cam.id, name: 'cam', position: 1 },
  ])
  const project = await db
    .selectFrom('starter_project')
    .select(['mentors_named_at', 'mentors_named_by'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  expect(project.mentors_named_by).toBe(dana.id)
  expect(project.mentors_named_at).not.toBeNull()
  // An edit form loaded before is refused rather than dropping her.
  expect(await getProjectVersion(id, db)).not.toBe(versionBefore)
  expect((await offerRows(id))[0]).toMatchObject({ outcome: 'added', settled_by: dana.id })
  const told = await db
    .selectFrom('notification')
    .select(['account_id', 'kind', 'title', 'link', 'is_demo_action'])
    .where('kind', '=', 'mentor_offer_answered')
    .execute()
  expect(told).toEqual([
    {
      account_id: cam.id,
      kind: 'mentor_offer_answered',
      title: 'dana added you as a mentor of “TCP tests”: you hear of its claims and answer them',
      link: `/starter/${id}`,
      is_demo_action: false,
    },
  ])
  // The maintainer's notice of cam's offer waits for nobody now; nia's still does.
  const unread = await db
    .selectFrom('notification')
    .select('event_key')
    .where('account_id', '=', dana.id)
    .where('read_at', 'is', null)
    .execute()
  expect(unread.map((row) => row.event_key)).toEqual([
    `mentor-offered:${id}:${nia.id}:${niaOffer!.id}`,
  ])

  // Her page says she mentors it, no offer nor button any more.
  const camPage = await pageTextOf(id, cam.id)
  expect(camPage).toContain('You mentor this project, so you don’t claim it')
  expect(camPage).not.toContain('You offered')
  expect(camPage).not.toContain('Offer to mentor this')
  expect((await load(id, cam.id)).viewer?.isMentor).toBe(true)
  const after = await pageTextOf(id, dana.id)
  expect(after).not.toContain('cam offered')
  expect(after).toContain('nia (demo person) offered')

  // Declined: the mentors stay, and she is thanked.
  const declined = await post(
    id,
    { intent: 'decline-mentor', offerId: String(niaOffer!.id) },
    dana.id,
  )
  expect(declined.status).toBe(200)
  expect((await declined.json()).message).toBe(
    'Declined: nia (demo person) is thanked for offering and told.',
  )
  expect(await mentorRows(id)).toHaveLength(2)
  expect(await pageTextOf(id, dana.id)).not.toContain('Offers to mentor this')
  expect(await pageTextOf(id, nia.id)).toContain(
    `You offered to mentor this on ${today} (a demo action). Thank you: the maintainers are not adding a mentor here for now.`,
  )
  expect(
    await db
      .selectFrom('notification')
      .select('title')
      .where('account_id', '=', nia.id)
      .where('kind', '=', 'mentor_offer_answered')
      .execute(),
  ).toEqual([
    {
      title:
        'Thank you for offering to mentor “TCP tests”: dana is not adding a mentor there for now',
    },
  ])
})

test('settling an offer to mentor is refused with the reason and writes nothing: not a maintainer, signed out, no such offer, settled already, a project done or set aside', async () => {
  const db = getDb()
  const cam = await createGitHubAccount(db, 'cam')
  const ona = await createGitHubAccount(db, 'ona')
  const dana = await createMaintainer(db, 'dana')
  const id = await createProject(db, { title: 'TCP tests' })
  const other = await createProject(db, { title: 'DNS tests' })
  await post(id, { intent: 'offer-mentor' }, cam.id)
  await post(id, { intent: 'offer-mentor' }, ona.id)
  await post(other, { intent: 'offer-mentor' }, ona.id)
  const [camOffer, onaOffer] = await offerRows(id)
  const [otherOffer] = await offerRows(other)
  await post(id, { intent: 'decline-mentor', offerId: String(onaOffer!.id) }, dana.id)

  const everything = async () => ({
    offers: await db.selectFrom('mentor_offer').selectAll().orderBy('id').execute(),
    mentors: await db.selectFrom('starter_project_mentor').selectAll().execute(),
    projects: await db
      .selectFrom('starter_project')
      .select(['id', 'updated_at', 'mentors_named_at', 'status'])
      .orderBy('id')
      .execute(),
    notices: await db.selectFrom('notification').select(['id', 'read_at']).orderBy('id').execute(),
  })
  const before = await everything()
  const refusals = [
    [cam.id, 'add-mentor', camOffer!.id, 403, /^Only maintainers name mentors/],
    [undefined, 'add-mentor', camOffer!.id, 401, null],
    [dana.id, 'add-mentor', 999999, 404, /^There is no such offer to mentor this project\.$/],
    [dana.id, 'add-mentor', otherOffer!.id, 404, /^There is no such offer/],
    [dana.id, 'decline-mentor', otherOffer!.id, 404, /^There is no such offer/],
    [
      dana.id,
      'add-mentor',
      onaOffer!.id,
      409,
      /^ona’s offer is settled already: it was declined on /,
    ],
    [dana.id, 'decline-mentor', onaOffer!.id, 409, /settled already/],
  ] as const
  for (const [accountId, intent, offerId, status, message] of refusals) {
    const response = await post(id, { intent, offerId: String(offerId) }, accountId)
    expect(response.status).toBe(status)
    if (message) expect((await response.json()).message).toMatch(message)
  }
  const noOffer = await post(id, { intent: 'add-mentor' }, dana.id)
  expect(noOffer.status).toBe(400)
  expect((await noOffer.json()).message).toBe('The form did not say which offer to mentor.')
  expect(await everything()).toEqual(before)

  for (const [status, words] of [
    ['inactive', 'set aside'],
    ['done', 'done'],
  ] as const) {
    await db.updateTable('starter_project').set({ status }).where('id', '=', id).execute()
    const closed = await everything()
    const response = await post(
      id,
      { intent: 'add-mentor', offerId: String(camOffer!.id) },
      dana.id,
    )
    expect(response.status).toBe(409)
    expect((await response.json()).message).toBe(
      `This project is ${words}: it needs no mentor now, so the offer stays as it is.`,
    )
    expect(await everything()).toEqual(closed)
    // Nothing to settle is listed there.
    expect((await load(id, dana.id)).openMentorOffers).toEqual([])
  }
})

async function noticesOf(accountId: number) {
  return getDb()
    .selectFrom('notification')
    .select(['kind', 'event_key', 'title', 'link', 'is_demo_action'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute()
}

test('naming an offerer a mentor on the edit page settles her offer as added and tells her once, as the answer to her offer', async () => {
  const db = getDb()
  const cam = await createGitHubAccount(db, 'cam')
  const dana = await createMaintainer(db, 'dana')
  const input = starterInput({ title: 'TCP tests', mentors: [] })
  const id = await createProject(db, input)
  await post(id, { intent: 'offer-mentor' }, cam.id)
  expect((await load(id, dana.id)).openMentorOffers).toHaveLength(1)
  await updateStarterProject(id, { ...input, mentors: ['cam'] }, dana, db)
  const offers = await offerRows(id)
  expect(offers).toEqual([
    expect.objectContaining({ account_id: cam.id, outcome: 'added', settled_by: dana.id }),
  ])
  expect((await load(id, dana.id)).openMentorOffers).toEqual([])
  // One notice, not "you are named" beside "your offer is answered".
  expect(await noticesOf(cam.id)).toEqual([
    {
      kind: 'mentor_offer_answered',
      event_key: `mentor-offer-settled:${offers[0]!.id}`,
      title: 'dana added you as a mentor of “TCP tests”: you hear of its claims and answer them',
      link: `/starter/${id}`,
      is_demo_action: false,
    },
  ])
})

test('naming an account a mentor on the edit page tells her once; an unchanged save or naming oneself tells nobody; taken off and named again, she is told again', async () => {
  const db = getDb()
  const cam = await createGitHubAccount(db, 'cam')
  const ona = await createGitHubAccount(db, 'ona')
  const dana = await createMaintainer(db, 'dana')
  const input = starterInput({ title: 'Window scaling', mentors: ['Hannes'] })
  const id = await createProject(db, input)
  const save = (mentors: string[], actor: { id: number; login: string } = dana) =>
    updateStarterProject(id, { ...input, mentors }, actor, db)
  const named = (n: number) => ({
    kind: 'mentor_named',
    event_key: `mentor-named:${id}:${cam.id}:${n}`,
    title:
      'dana named you a mentor of “Window scaling”: claims on it reach you, and it shows on your My work',
    link: `/starter/${id}`,
    is_demo_action: false,
  })

  await save(['Hannes', '@cam'])
  expect(await noticesOf(cam.id)).toEqual([named(1)])
  // The same list saved again (or written another way) is no news.
  await save(['Hannes', '@cam'])
  await save(['Hannes', 'cam'])
  // Naming herself tells her nothing; cam, still a mentor, is not told again.
  await save(['Hannes', 'cam', 'dana'])
  expect(await noticesOf(cam.id)).toEqual([named(1)])
  expect(await noticesOf(dana.id)).toEqual([])
  // Taken off and named again is a new naming.
  await save(['Hannes', 'dana'])
  expect(await noticesOf(cam.id)).toEqual([named(1)])
  await save(['Hannes', 'dana', 'cam'])
  expect(await noticesOf(cam.id)).toEqual([named(1), named(2)])

  // A demo maintainer's naming is a demo action in the notice.
  const demo = { id: await ensureDemoAccount(DEMO_PEOPLE[0], db), login: DEMO_PEOPLE[0].login }
  await save(['Hannes', 'dana', 'cam', 'ona'], demo)
  expect(await noticesOf(ona.id)).toEqual([
    expect.objectContaining({
      kind: 'mentor_named',
      title:
        'Dana (demo maintainer) named you a mentor of “Window scaling”: claims on it reach you, and it shows on your My work',
      is_demo_action: true,
    }),
  ])
  expect(await noticesOf(cam.id)).toHaveLength(2)

  // Listing a project with mentors names them too.
  const kit = await createGitHubAccount(db, 'kit')
  const listed = await createProject(db, { title: 'DNS tests', mentors: ['@kit', 'dana'] }, dana)
  expect(await noticesOf(kit.id)).toEqual([
    expect.objectContaining({
      kind: 'mentor_named',
      event_key: `mentor-named:${listed}:${kit.id}:1`,
    }),
  ])
  expect(await noticesOf(dana.id)).toEqual([])
})

test('a mentor added from her offer and later taken off can offer again: the spent offer no longer stands in her way', async () => {
  const db = getDb()
  const cam = await createGitHubAccount(db, 'cam')
  const dana = await createMaintainer(db, 'dana')
  const input = starterInput({ title: 'TCP tests', mentors: ['Hannes'] })
  const id = await createProject(db, input)
  await post(id, { intent: 'offer-mentor' }, cam.id)
  const [first] = await offerRows(id)
  await post(id, { intent: 'add-mentor', offerId: String(first!.id) }, dana.id)
  expect(await pageTextOf(id, cam.id)).toContain('You mentor this project')

  await updateStarterProject(id, { ...input, mentors: ['Hannes'] }, dana, db)
  expect(await offerRows(id)).toEqual([])
  const page = await pageTextOf(id, cam.id)
  expect(page).not.toContain('You offered')
  expect(page).toContain('Offer to mentor this')

  expect((await post(id, { intent: 'offer-mentor' }, cam.id)).status).toBe(200)
  const [second] = await offerRows(id)
  expect(second).toMatchObject({ account_id: cam.id, outcome: null })
  // The maintainers hear of the new offer, as of the first.
  const offered = await db
    .selectFrom('notification')
    .select(['event_key', 'read_at'])
    .where('account_id', '=', dana.id)
    .where('kind', '=', 'mentor_offered')
    .orderBy('id')
    .execute()
  expect(offered).toEqual([
    { event_key: `mentor-offered:${id}:${cam.id}:${first!.id}`, read_at: expect.any(Date) },
    { event_key: `mentor-offered:${id}:${cam.id}:${second!.id}`, read_at: null },
  ])
  expect((await load(id, dana.id)).openMentorOffers).toHaveLength(1)
})

test('an offer declined still stands when other mentors come and go: a declined offer is not made again', async () => {
  const db = getDb()
  const cam = await createGitHubAccount(db, 'cam')
  await createGitHubAccount(db, 'ona')
  const dana = await createMaintainer(db, 'dana')
  const input = starterInput({ title: 'TCP tests', mentors: ['@ona'] })
  const id = await createProject(db, input)
  await post(id, { intent: 'offer-mentor' }, cam.id)
  const [offer] = await offerRows(id)
  await post(id, { intent: 'decline-mentor', offerId: String(offer!.id) }, dana.id)
  await updateStarterProject(id, { ...input, mentors: [] }, dana, db)
  expect(await offerRows(id)).toEqual([expect.objectContaining({ outcome: 'declined' })])
  expect(await pageTextOf(id, cam.id)).toContain('Thank you: the maintainers are not adding')
})

const LABELS = ['starter', 'domain/networking', 'lang/1★', 'domain-level/1★', 'size/week']

test('maintainers see what the project changes in its issue’s labels, and nothing once they match', async () => {
  const repo = repositoryPayload('mirage/charrua')
  const issue = issuePayload(repo.full_name, 4, { title: 'DHCP options' })
  await mirror(getDb(), repo, [issue])
  const id = await createProject(getDb(), {
    issue: 'mirage/charrua#4',
    primaryDomain: 'networking',
    size: 'week',
    mentors: [],
  })
  const maintainer = await createAccount(getDb(), 'maia', 'maintainer')
  const contributor = await createAccount(getDb(), 'cora')

  expect((await load(id, maintainer.id)).labelStatus).toEqual({
    add: [...LABELS],
    remove: [],
    notice: null,
  })
  expect((await load(id, contributor.id)).labelStatus).toBeNull()
  expect((await load(id)).labelStatus).toBeNull()

  // Once GitHub carries them (as the mirror sees), the page says they match.
  await mirror(getDb(), repo, [
    {
      ...issue,
      updated_at: '2030-01-01T00:00:00Z',
      labels: LABELS.map((name) => labelPayload(name)),
    },
  ])
  expect((await load(id, maintainer.id)).labelStatus).toEqual({ add: [], remove: [], notice: null })
})

test('once finished, the project credits who did it instead of "Nobody yet"', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb(), { size: 'week' })
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  expect((await load(id)).finishers).toEqual([])
  await post(id, { intent: 'finish', claimId: String(claim!.id) }, ana.id)
  const page = await load(id)
  expect(page.claims).toEqual([])
  expect(page.finishers.map((finisher: { login: string }) => finisher.login)).toEqual(['ana'])
  const credit = renderToStaticMarkup(
    createElement(DoneBy, { finishers: page.finishers, project: page.project }),
  )
  expect(credit).toMatch(/^<p[^>]*>Done by <span>ana /)
  // Ana herself reads that she did it, not her name as others see it (still a demo claim).
  const own = renderToStaticMarkup(
    createElement(DoneBy, { finishers: page.finishers, project: page.project, viewerId: ana.id }),
  )
  expect(own).toMatch(/^<p[^>]*>Done by <span>you<span[^>]*> demo claim<\/span><\/span>\.<\/p>$/)
})

test('an elastic project still open is not credited as "Done by" its finishers: it is not done', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb(), { size: 'elastic' })
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  await post(id, { intent: 'finish', claimId: String(claim!.id) }, ana.id)
  const page = await load(id)
  expect(page.project.status).toBe('open')
  const credit = renderToStaticMarkup(
    createElement(DoneBy, { finishers: page.finishers, project: page.project }),
  )
  expect(credit).toMatch(/^<p[^>]*>Nobody now; parts done by <span>ana /)
})

test('the mentor contact is shown to signed-in people only, and never the search column', async () => {
  const db = getDb()
  const reader = await createAccount(db, 'reader')
  const id = await createProject(db, {
    mentors: ['@hannesm'],
    mentorContact: 'https://matrix.to/#/#mirageos:matrix.org',
  })
  const anonymous = (await load(id)) as { project: Record<string, unknown> }
  expect(anonymous.project.mentorContact).toBeNull()
  expect(anonymous.project.hasMentorContact).toBe(true)
  expect(JSON.stringify(anonymous)).not.toContain('matrix.to')
  const signedIn = (await load(id, reader.id)) as { project: Record<string, unknown> }
  expect(signedIn.project.mentorContact).toEqual({
    text: 'https://matrix.to/#/#mirageos:matrix.org',
    href: 'https://matrix.to/#/#mirageos:matrix.org',
  })
  expect(Object.keys(signedIn.project)).not.toContain('search')
})

test('a demo person named as mentor is marked a demo account, a GitHub account is not', async () => {
  await createAccount(getDb(), 'demo-maintainer', 'maintainer')
  await createGitHubAccount(getDb(), 'hannesm')
  const id = await createProject(getDb(), {
    mentors: ['@demo-maintainer', '@hannesm', 'Anil'],
  })
  const data = await load(id)
  expect(
    data.project.mentors.map((m: { name: string; is_demo: boolean }) => [m.name, m.is_demo]),
  ).toEqual([
    ['demo-maintainer', true],
    ['hannesm', false],
    ['Anil', false],
  ])
})

test('the page names a demo person by her demo name and a GitHub person by login', async () => {
  const dana = {
    id: await ensureDemoAccount(DEMO_PEOPLE[0], getDb()),
    login: DEMO_PEOPLE[0].login,
  }
  const noor = { id: await ensureDemoAccount(DEMO_PEOPLE[3], getDb()), login: 'demo-newcomer' }
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  const id = await createProject(
    getDb(),
    { size: 'elastic', languageStars: 1, mentors: ['@demo-maintainer', '@hannesm'] },
    dana,
  )
  await rateStarterProject(id, { languageStars: 2, domainStars: 1 }, hannes, getDb())
  // Hannes mentors it, so he does not claim it (claim.server.ts): another GitHub person does.
  const talex = await createGitHubAccount(getDb(), 'talex5')
  for (const person of [noor, talex]) {
    const claim = await claimStarterProject(id, person, getDb())
    await endClaim(id, claim.id, person, 'done', getDb())
  }
  // The page's data as the browser gets it.
  const data = JSON.parse(JSON.stringify(await load(id, dana.id)))
  const ratings = renderToStaticMarkup(
    createElement(ProjectRatings, { project: data.project, languageName: 'OCaml' }),
  )
  expect(ratings).toContain('Dana (demo maintainer), a demo rating')
  expect(ratings).toContain('>hannesm<')
  const history = renderToStaticMarkup(
    createElement(ClaimHistory, {
      endedClaims: data.endedClaims,
      languageName: 'OCaml',
      canRerate: true,
    }),
  )
  expect(history).toContain('Noor (demo newcomer), a demo claim: finished')
  expect(history).toContain('talex5: finished')
  // Once nobody works on it, the panel credits the finishers: a demo one's claim still says demo.
  const panel = renderToStaticMarkup(
    createElement(DoneBy, { finishers: data.finishers, project: data.project }),
  )
  expect(panel).toMatch(
    /parts done by .*Noor \(demo newcomer\)<span[^>]*> demo claim<\/span>.*@talex5/,
  )
  for (const html of [ratings, history, panel]) {
    expect(html).not.toMatch(/demo-(maintainer|newcomer)/)
  }
})

test('the ratings line says whose rating it is, and a demo rating’s date follows a comma', async () => {
  const dana = {
    id: await ensureDemoAccount(DEMO_PEOPLE[0], getDb()),
    login: DEMO_PEOPLE[0].login,
  }
  const id = await createProject(getDb(), { primaryDomain: 'networking' })
  await rateStarterProject(id, { languageStars: 1, domainStars: 2 }, dana, getDb())
  const data = JSON.parse(JSON.stringify(await load(id)))
  const text = renderToStaticMarkup(
    createElement(ProjectRatings, { project: data.project, languageName: 'OCaml' }),
  ).replace(/<[^>]+>/g, '')
  // Not "Maintainers: OCaml 1★ · networking 2★", which reads like a list of people.
  expect(text).toContain(
    'The maintainers’ rating: OCaml 1★ · networking 2★ — no contributor reports yet',
  )
  // On the page, the stars are shown above with what they mean: the line says whose they are
  // and what contributors found, without repeating them.
  const line = (
    await renderInRouter(
      createElement(ProjectRatings, {
        project: data.project,
        languageName: 'OCaml',
        starMeanings: data.starMeanings,
      }),
    )
  )
    .replace(/<!-- -->/g, '')
    .match(/data-testid="calibration-line">(.*?)<\/p>/)![1]
  expect(line).toBe('The stars above are the maintainers’ rating — no contributor reports yet')
  expect(text).toMatch(
    /Demo rating by Dana \(demo maintainer\), \d{1,2} \w+ \d{4}: a demo action, not a MirageOS decision\./,
  )
  expect(text).not.toMatch(/\) \(\d/)
})

test('the project’s stars say what they ask in the rubric’s words, the domain named; an unrated axis says nothing it does not know', async () => {
  const id = await createProject(getDb(), {
    primaryDomain: 'networking',
    languageStars: 1,
    domainStars: 2,
  })
  const page = (await renderRouteWith(StarterProjectRoute, await load(id), `/starter/${id}`))
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
  // Signed out, before claiming: what 1★ OCaml and 2★ networking ask of her, on this page.
  expect(page).toContain(
    'OCaml difficulty: 1 of 3 stars — You can read OCaml: records, variants, pattern matching, lists and options. No functors.',
  )
  expect(page).toContain(
    'networking ★★ ☆ Domain difficulty (networking): 2 of 3 stars — You know the domain&#x27;s basics',
  )
  expect(page).toContain('How we rate difficulty (every level, with examples)')

  const unrated = await createProject(getDb(), { primaryDomain: 'web', domainStars: null })
  const data = await load(unrated)
  expect(data.starMeanings).toEqual({
    language: expect.stringMatching(/^You can read OCaml/),
    domain: null,
  })

  // Nobody rated it: no stars to call the maintainers', only what contributors found.
  const neither = await createProject(getDb(), { languageStars: null, domainStars: null })
  const neitherPage = (
    await renderRouteWith(StarterProjectRoute, await load(neither), `/starter/${neither}`)
  ).replace(/<!-- -->/g, '')
  expect(neitherPage.match(/data-testid="calibration-line">(.*?)<\/p>/)![1]).toBe(
    'No contributor reports yet',
  )
  // Rated, the line below the stars names them the maintainers' and does not repeat them.
  const rated = await renderRouteWith(StarterProjectRoute, await load(id), `/starter/${id}`)
  expect(
    rated.replace(/<!-- -->/g, '').match(/data-testid="calibration-line">(.*?)<\/p>/)![1],
  ).toBe('The stars above are the maintainers’ rating — no contributor reports yet')
})

test('signed out, the page says what claiming is: public, one at a time, for the claim length, and stopping is fine', async () => {
  const id = await createProject(getDb(), { size: 'week' })
  const page = JSON.parse(JSON.stringify(await load(id)))
  const panel = async (claimDays: number) =>
    (
      await renderInRouter(
        createElement(ClaimPanel, {
          project: page.project,
          viewer: page.viewer,
          claims: page.claims,
          claimDays,
          feedbackForm: null,
        }),
      )
    ).replace(/<[^>]+>/g, '')
  expect(page.viewer).toBeNull()
  expect(await panel(page.claimDays)).toContain(
    `Sign in to work on this project. Claiming a project tells everyone you are working on it, one person at a time (an elastic project takes several), for ${page.claimDays} days unless you renew it; stopping is fine, and it goes back to the finder for someone else.`,
  )
  // The length is the setting's, not a number written into the sentence.
  expect(await panel(14)).toContain('for 14 days unless you renew it')
})

test('right after claiming, the page says until when the claim holds and offers no renewal; in its last days it does', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  await post(id, { intent: 'claim' }, ana.id)
  const panel = async () => {
    const page = JSON.parse(JSON.stringify(await load(id, ana.id)))
    const element = createElement(ClaimPanel, {
      project: page.project,
      viewer: page.viewer,
      claims: page.claims,
      claimDays: page.claimDays,
      feedbackForm: null,
    })
    return renderInRouter(element)
  }
  const fresh = await panel()
  expect(fresh).not.toContain('Renew my claim')
  expect(fresh).toMatch(/Your claim holds until .+ you can renew it in its last 3 days, from /)

  const [claim] = await claimRows()
  // A stale form (or a crafted post) renewing early is refused with the same words.
  const early = await post(id, { intent: 'renew', claimId: String(claim!.id) }, ana.id)
  expect(early.status).toBe(409)
  expect((await early.json()).message).toMatch(/already runs until/)

  await getDb()
    .updateTable('starter_claim')
    .set({ expires_at: sql<Date>`now() + interval '2 days'` })
    .execute()
  const ending = await panel()
  expect(ending).toContain('Renew my claim')
  expect(ending).toMatch(/Your claim runs until .+: renew it if you need longer/)
  const renewed = await post(id, { intent: 'renew', claimId: String(claim!.id) }, ana.id)
  expect(renewed.status).toBe(200)
})

test('a claim held before its claimant was named a mentor of the project is not renewed: no Renew, and a post is refused (409), nothing written', async () => {
  const db = getDb()
  const ana = await createAccount(db, 'ana')
  const input = starterInput({ mentors: [] })
  const id = await createProject(db, input)
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  // In its last days, when Renew shows; then a maintainer names her a mentor.
  await db
    .updateTable('starter_claim')
    .set({ expires_at: sql<Date>`now() + interval '2 days'` })
    .execute()
  await updateStarterProject(id, { ...input, mentors: ['@ana'] }, null, db)
  const page = JSON.parse(JSON.stringify(await load(id, ana.id)))
  expect(page.viewer.isMentor).toBe(true)
  const panel = (
    await renderInRouter(
      createElement(ClaimPanel, {
        project: page.project,
        viewer: page.viewer,
        claims: page.claims,
        claimDays: page.claimDays,
        feedbackForm: null,
      }),
    )
  ).replace(/<!-- -->/g, '')
  expect(panel).not.toContain('Renew my claim')
  expect(panel).toContain('You mentor this project now, so it is not renewed')
  expect(panel).toContain('I finished it')

  const expiresBefore = await db
    .selectFrom('starter_claim')
    .select(['expires_at', 'renewed_at'])
    .where('id', '=', claim!.id)
    .executeTakeFirstOrThrow()
  const refused = await post(id, { intent: 'renew', claimId: String(claim!.id) }, ana.id)
  expect(refused.status).toBe(409)
  expect((await refused.json()).message).toMatch(
    /^You mentor this project now, so you answer whoever works on it rather than renew your claim\. To keep working on it yourself, first take your name off its mentors/,
  )
  expect(
    await db
      .selectFrom('starter_claim')
      .select(['expires_at', 'renewed_at'])
      .where('id', '=', claim!.id)
      .executeTakeFirstOrThrow(),
  ).toEqual(expiresBefore)
})

test('“I finished it” and “I’m stopping” only ask: the ending is posted from the confirmation', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb(), { size: 'week' })
  await post(id, { intent: 'claim' }, ana.id)
  const [claim] = await claimRows()
  const panel = async (query: string) => {
    const response = await loader(
      await loaderArgs(`/starter/${id}${query}`, { accountId: ana.id, params: { id: String(id) } }),
    )
    const page = JSON.parse(JSON.stringify(await response.json()))
    return {
      confirmEnding: page.confirmEnding,
      html: await renderInRouter(
        createElement(ClaimPanel, {
          project: page.project,
          viewer: page.viewer,
          claims: page.claims,
          claimDays: page.claimDays,
          feedbackForm: null,
          confirmEnding: page.confirmEnding,
        }),
      ),
    }
  }

  const first = await panel('')
  expect(first.confirmEnding).toBeNull()
  // The first buttons lead to the confirmation (a GET); no form on the page ends the claim.
  expect(first.html).toMatch(
    /<form method="get"[^>]*><button type="submit" name="confirm" value="finish"/,
  )
  expect(first.html).toContain('name="confirm" value="stop"')
  expect(first.html).not.toMatch(/name="intent" value="(finish|abandon)"/)

  const finish = await panel('?confirm=finish')
  expect(finish.confirmEnding).toBe('finish')
  expect(finish.html).toContain(
    'This marks the project done for everyone and removes it from the finder. Then you can tell us how hard it was.',
  )
  expect(finish.html).toMatch(
    new RegExp(
      `<form method="post" action="/starter/${id}"[^>]*><input type="hidden" name="claimId" value="${claim!.id}"/>(?:(?!</form>).)*<button type="submit" name="intent" value="finish"`,
    ),
  )
  expect(finish.html).toContain('Yes, I finished it')
  expect(finish.html).toContain(`href="/starter/${id}"`)
  expect(finish.html).not.toContain('>I finished it<')

  const stop = await panel('?confirm=stop')
  expect(stop.html).toContain('The project goes back to the finder for someone else.')
  expect(stop.html).toContain('name="intent" value="abandon"')
  expect(stop.html).toContain('Yes, I’m stopping')

  // Asking changed nothing.
  expect(await claimRows()).toMatchObject([{ id: claim!.id, ended_at: null }])
})

test('confirming “I’m stopping” says what stopping does, not what finishing would', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb(), { size: 'week' })
  await post(id, { intent: 'claim' }, ana.id)
  const panel = async (query: string) => {
    const response = await loader(
      await loaderArgs(`/starter/${id}${query}`, { accountId: ana.id, params: { id: String(id) } }),
    )
    const page = JSON.parse(JSON.stringify(await response.json()))
    const html = await renderInRouter(
      createElement(ClaimPanel, {
        project: page.project,
        viewer: page.viewer,
        claims: page.claims,
        claimDays: page.claimDays,
        feedbackForm: null,
        confirmEnding: page.confirmEnding,
      }),
    )
    return html.replace(/<[^>]+>/g, ' ')
  }
  const finishing = 'Finishing marks this project done for everyone'
  // Beside the two buttons, the note says what the green one does.
  expect(await panel('')).toContain(finishing)
  const stop = await panel('?confirm=stop')
  expect(stop).toContain('The project goes back to the finder for someone else.')
  expect(stop).not.toContain(finishing)
})

test('mentors named in text with no contact: the page says there is no way to reach them listed', async () => {
  const facts = (id: number) =>
    factsText(id, { mentorsNamed: 'Named when the project was listed', mentorsNamedByDemo: false })
  const noWay = 'No way to reach them is listed on this board.'
  expect(
    await facts(await createProject(getDb(), { mentors: ['Hannes Mehnert (hannes)'] })),
  ).toContain(noWay)
  // A GitHub login links to the profile; a contact is a way too.
  expect(await facts(await createProject(getDb(), { mentors: ['@hannesm'] }))).not.toContain(noWay)
  const withContact = await createProject(getDb(), {
    mentors: ['Hannes'],
    mentorContact: 'https://example.org/chat',
  })
  expect(await facts(withContact)).not.toContain(noWay)
  // No mentor at all: "No mentor listed" says it already.
  expect(await facts(await createProject(getDb(), { mentors: [] }))).not.toContain(noWay)
})

test('mentors a demo person named are said to be a demo action, even when every one is a board account', async () => {
  const sam = await createAccount(getDb(), 'demo-seed-maintainer', 'maintainer')
  const hannes = await createGitHubAccount(getDb(), 'hannes')
  await createAccount(getDb(), 'demo-maintainer', 'maintainer')
  const facts = factsText
  const named = async (actor: { id: number; login: string }) => {
    const input = starterInput({ mentors: [] })
    const id = await createProject(getDb(), input)
    await updateStarterProject(id, { ...input, mentors: ['demo-maintainer'] }, actor, getDb())
    return id
  }
  expect(await facts(await named(sam))).toMatch(
    /Named on \d{1,2} \w+ \d{4} by a demo person \(a demo action\)\./,
  )
  // Named by a real maintainer: the account hears of the project; nothing to flag.
  expect(await facts(await named(hannes))).not.toContain('Named on')
})

test('a demo account as mentor links nowhere: the page says the board is the way to it', async () => {
  await createAccount(getDb(), 'demo-maintainer', 'maintainer')
  const hannes = await createGitHubAccount(getDb(), 'hannes')
  const facts = (id: number) => factsText(id, { mentorsNamedByDemo: false })
  const note = 'hears of claims on this project here, and answers them here'
  expect(await facts(await createProject(getDb(), { mentors: ['demo-maintainer'] }))).toContain(
    note,
  )
  // A real account links to its GitHub profile: no such note.
  expect(await facts(await createProject(getDb(), { mentors: [hannes.login] }))).not.toContain(note)
})

test('an unrated project with no mentor to reach says to ask on its issue, never “ask a mentor”', async () => {
  const repo = repositoryPayload('mirage/charrua')
  await mirror(getDb(), repo, [issuePayload(repo.full_name, 4, { title: 'DHCP options' })])
  const page = async (id: number) => {
    const data = JSON.parse(JSON.stringify(await load(id)))
    const ratings = renderToStaticMarkup(
      createElement(ProjectRatings, {
        project: data.project,
        languageName: 'OCaml',
        askWhenUnrated: data.askBeforeStarting,
      }),
    )
    return { data, ratings: ratings.replace(/<[^>]+>/g, ' ') }
  }
  const unrated = { languageStars: null, domainStars: null, readFirst: '' }
  const noMentor = await page(
    await createProject(getDb(), { ...unrated, mentors: [], issue: 'mirage/charrua#4' }),
  )
  expect(noMentor.ratings).toContain(
    'Unrated: it could be any level. No mentor you can reach is listed: ask on the attached issue, mirage/charrua#4, before you start.',
  )
  expect(noMentor.ratings).not.toMatch(/ask a mentor/i)
  const mentored = await page(await createProject(getDb(), { ...unrated, mentors: ['@hannesm'] }))
  expect(mentored.ratings).toContain('Ask a mentor (see Mentors on this page) before you start.')
  // Rated on both axes: nothing to ask about the level.
  const rated = await page(await createProject(getDb(), { mentors: [] }))
  expect(rated.ratings).not.toContain('Unrated: it could be any level.')
})

test('an unknown “confirm” value shows the page as it is, never an error', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  await post(id, { intent: 'claim' }, ana.id)
  for (const value of [
    '',
    'FINISH',
    'release',
    'abandon',
    'yes',
    '%F0%9F%92%A5',
    'finish&confirm=stop',
  ]) {
    const response = await loader(
      await loaderArgs(`/starter/${id}?confirm=${value}`, {
        accountId: ana.id,
        params: { id: String(id) },
      }),
    )
    expect(response.status).toBe(200)
    // The first value is the one read: "finish&confirm=stop" asks to confirm finishing.
    expect((await response.json()).confirmEnding).toBe(value.startsWith('finish') ? 'finish' : null)
  }
  // Signed out, there is no claim to end: asking shows the page too.
  expect((await load(`${id}`)).confirmEnding).toBeNull()
})

async function answerRows() {
  return getDb().selectFrom('claim_answer').selectAll().orderBy('id').execute()
}

/** The claim panel as `accountId` sees it (anonymous when left out), as text. */
async function claimPanelText(id: number, accountId?: number) {
  const page = JSON.parse(JSON.stringify(await load(id, accountId)))
  const html = await renderInRouter(
    createElement(ClaimPanel, {
      project: page.project,
      viewer: page.viewer,
      claims: page.claims,
      answers: page.answers,
      claimDays: page.claimDays,
      feedbackForm: null,
    }),
  )
  return html.replace(/<!-- -->/g, '')
}

/** The day a claim nobody answers joins "Waiting for maintainers", as the page says it. */
async function maintainersSeeIt(claimId: number) {
  const { claimed_at } = await getDb()
    .selectFrom('starter_claim')
    .select('claimed_at')
    .where('id', '=', claimId)
    .executeTakeFirstOrThrow()
  return formatDate(new Date(claimed_at.getTime() + 7 * 24 * 60 * 60 * 1000))
}

test('her claim nobody answered says who was told of it, if anyone, and when the maintainers see it', async () => {
  const db = getDb()
  const nia = await createGitHubAccount(db, 'nia')
  // Mentors from an old list, by name only: nobody here hears of the claim.
  const id = await createProject(db, { title: 'Telnet', mentors: ['Hannes'] })
  await post(id, { intent: 'claim' }, nia.id)
  const [claim] = await claimRows()
  const text = await claimPanelText(id, nia.id)
  expect(text).toContain(
    `Nobody has answered yet, and no mentor on this board was told of your claim. If nobody answers by ${await maintainersSeeIt(claim!.id)}, the maintainers see it waiting. You will be told of any answer.`,
  )
  expect(text).not.toContain('you will be told when one does')
  // Lapsed, it is no longer listed for the maintainers: no date is promised.
  await db
    .updateTable('starter_claim')
    .set({ expires_at: new Date(Date.now() - 60_000) })
    .where('id', '=', claim!.id)
    .execute()
  expect(await claimPanelText(id, nia.id)).toContain(
    'Nobody has answered yet, and no mentor on this board was told of your claim. You will be told of any answer.',
  )
})

test('in the demo, her claim told only a demo mentor says an answer comes when someone signs in as them, and links to do it', async () => {
  const db = getDb()
  const ari = await createAccount(db, 'demo-maintainer-2', 'maintainer')
  const cam = await createAccount(db, 'demo-contributor')
  const id = await createProject(db, { title: 'IMAP client', mentors: [ari.login] })
  await post(id, { intent: 'claim' }, cam.id)
  const text = (await claimPanelText(id, cam.id)).replace(/<!-- -->/g, '').replace(/<[^>]+>/g, '')
  expect(text).toMatch(
    /was told of your claim\..* In this demo, that is a demo account: an answer comes when someone signs in as one\. Be someone else to answer your claim as them\./,
  )
  const html = await renderRouteWith(StarterProjectRoute, await load(id, cam.id), `/starter/${id}`)
  expect(html).toContain(`href="/login?returnTo=%2Fstarter%2F${id}"`)
  // A mentor who is a person, not a demo account, may answer: nothing of the kind is said.
  await createGitHubAccount(db, 'mo')
  const real = await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  await post(real, { intent: 'claim' }, cam.id)
  expect(await claimPanelText(real, cam.id)).not.toContain('In this demo')
})

test('a mentor answers a claim on the page; the newcomer reads it there, signed-out visitors do not', async () => {
  const db = getDb()
  const mentor = await createGitHubAccount(db, 'mo')
  const nia = await createGitHubAccount(db, 'nia')
  const id = await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  await post(id, { intent: 'claim' }, nia.id)
  const [claim] = await claimRows()

  expect(await claimPanelText(id, nia.id)).toContain(
    `Nobody has answered yet: @mo was told of your claim. If nobody answers by ${await maintainersSeeIt(claim!.id)}, the maintainers see it waiting. You will be told of any answer.`,
  )
  const mentorView = await claimPanelText(id, mentor.id)
  expect(mentorView).toContain('Answer nia: a welcome and a first step')
  expect(mentorView).toContain('it is not posted on GitHub')

  const response = await post(
    id,
    { intent: 'answer', claimId: String(claim!.id), message: 'Welcome! Start with vnetif.' },
    mentor.id,
  )
  expect(response.status).toBe(200)
  expect((await response.json()).message).toMatch(/^Sent: they are told/)

  const page = await load(id, nia.id)
  expect(page.answers).toEqual([
    expect.objectContaining({ login: 'mo', message: 'Welcome! Start with vnetif.' }),
  ])
  expect(await claimPanelText(id, nia.id)).toContain('mo answered on')
  // Answered once: no second form for her.
  expect(await claimPanelText(id, mentor.id)).not.toContain('Send answer')
  expect((await load(id)).answers).toEqual([])
})

test('answering through the page: a non-mentor gets 403, bad text 400 with what was typed kept, nothing written', async () => {
  const db = getDb()
  await createGitHubAccount(db, 'mo')
  const nia = await createGitHubAccount(db, 'nia')
  const eve = await createGitHubAccount(db, 'eve')
  const id = await createProject(db, { mentors: ['@mo'] })
  await post(id, { intent: 'claim' }, nia.id)
  const [claim] = await claimRows()
  const claimId = String(claim!.id)

  for (const intent of ['answer', 'acknowledge']) {
    const response = await post(id, { intent, claimId, message: 'Hi' }, eve.id)
    expect(response.status).toBe(403)
    expect((await response.json()).message).toBe(
      'Only this project’s mentors or a maintainer can answer a claim on it.',
    )
  }
  // The claimant may not answer herself either.
  expect((await post(id, { intent: 'acknowledge', claimId }, nia.id)).status).toBe(403)

  const mo = (await db.selectFrom('account').select('id').where('login', '=', 'mo').execute())[0]!
  const tooLong = 'x'.repeat(501)
  const long = await post(id, { intent: 'answer', claimId, message: tooLong }, mo.id)
  expect(long.status).toBe(400)
  const longBody = await long.json()
  expect(longBody.message).toMatch(/at most 500 characters/)
  expect(longBody.values).toEqual({ claimId, message: tooLong })
  const blank = await post(id, { intent: 'answer', claimId, message: '   ' }, mo.id)
  expect(blank.status).toBe(400)
  expect((await blank.json()).message).toMatch(/Write a few words/)
  const missing = await post(id, { intent: 'answer', claimId }, mo.id)
  expect(missing.status).toBe(400)
  expect((await missing.json()).message).toBe(
    'Your answer is missing: write a few words, or use “Acknowledge”.',
  )
  const nul = await post(id, { intent: 'answer', claimId, message: 'a\u0000b' }, mo.id)
  expect(nul.status).toBe(400)
  expect(await nul.text()).toMatch(/NUL/)
  // Signed out: asked to sign in, nothing written.
  expect((await post(id, { intent: 'answer', claimId, message: 'Hi' })).status).toBe(401)
  expect(await answerRows()).toEqual([])
  expect(
    await db.selectFrom('notification').select('id').where('kind', '=', 'claim_answered').execute(),
  ).toEqual([])
})

test('a maintainer acknowledges a claim; a demo person’s answer is marked as a demo action', async () => {
  const db = getDb()
  const nia = await createGitHubAccount(db, 'nia')
  const mia = await createAccount(db, 'mia', 'maintainer')
  const id = await createProject(db)
  await post(id, { intent: 'claim' }, nia.id)
  const [claim] = await claimRows()
  const response = await post(id, { intent: 'acknowledge', claimId: String(claim!.id) }, mia.id)
  expect(response.status).toBe(200)
  expect((await response.json()).message).toBe(
    'Acknowledged: they are told you have seen their claim.',
  )
  expect(await claimPanelText(id, nia.id)).toContain('mia (demo person) has seen this claim (')
  expect(await claimPanelText(id, nia.id)).toContain('demo answer')
})

test('the claimant replies on the page; whoever answered is told and answers again; the thread reads in order', async () => {
  const db = getDb()
  const mentor = await createGitHubAccount(db, 'mo')
  const nia = await createGitHubAccount(db, 'nia')
  const id = await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  await post(id, { intent: 'claim' }, nia.id)
  const [claim] = await claimRows()
  const claimId = String(claim!.id)
  // Nothing to reply to yet: no form.
  expect(await claimPanelText(id, nia.id)).not.toContain('Reply to the answer')
  await post(id, { intent: 'answer', claimId, message: 'Welcome!' }, mentor.id)
  expect(await claimPanelText(id, nia.id)).toContain('Reply to the answer')

  const response = await post(id, { intent: 'reply', claimId, message: 'Where to start?' }, nia.id)
  expect(response.status).toBe(200)
  expect((await response.json()).message).toMatch(/^Sent: whoever answered your claim is told/)
  expect(
    await db
      .selectFrom('notification')
      .select(['account_id', 'title'])
      .where('kind', '=', 'claim_replied')
      .execute(),
  ).toEqual([
    {
      account_id: mentor.id,
      title: 'nia replied to your answer on “TCP tests”: “Where to start?”',
    },
  ])

  const niaView = await claimPanelText(id, nia.id)
  expect(niaView).toMatch(/mo answered on .*Welcome!.*You replied on .*Where to start\?/)
  expect(niaView).toContain('Whoever answered is told of your reply')
  expect(niaView).not.toContain('Send reply')
  // The mentor's form is open again, for the reply.
  const mentorView = await claimPanelText(id, mentor.id)
  expect(mentorView).toMatch(/nia replied on .*Where to start\?/)
  expect(mentorView).toContain('Answer the reply from nia')
  const again = await post(id, { intent: 'answer', claimId, message: 'The README.' }, mentor.id)
  expect(again.status).toBe(200)
  expect(await claimPanelText(id, nia.id)).toMatch(
    /mo answered on .*Welcome!.*You replied on .*Where to start\?.*mo answered on .*The README\..*Reply to the answer/,
  )
  // A bare acknowledgement of a reply has seen the reply.
  await post(id, { intent: 'reply', claimId, message: 'Thanks!' }, nia.id)
  await post(id, { intent: 'acknowledge', claimId }, mentor.id)
  expect(await claimPanelText(id, mentor.id)).toMatch(/mo has seen the reply \(/)
})

test('replying through the page: 400 with the text kept, 403 for anyone else, 409 with nothing to reply to, nothing written', async () => {
  const db = getDb()
  const mentor = await createGitHubAccount(db, 'mo')
  const nia = await createGitHubAccount(db, 'nia')
  const eve = await createGitHubAccount(db, 'eve')
  const id = await createProject(db, { mentors: ['@mo'] })
  await post(id, { intent: 'claim' }, nia.id)
  const [claim] = await claimRows()
  const claimId = String(claim!.id)

  const early = await post(id, { intent: 'reply', claimId, message: 'Hello?' }, nia.id)
  expect(early.status).toBe(409)
  expect((await early.json()).message).toBe(
    'Nobody has answered your claim yet: there is nothing to reply to.',
  )
  await post(id, { intent: 'answer', claimId, message: 'Welcome!' }, mentor.id)
  const before = await answerRows()

  for (const person of [eve, mentor]) {
    const response = await post(id, { intent: 'reply', claimId, message: 'Hi' }, person.id)
    expect(response.status).toBe(403)
    expect((await response.json()).message).toBe(
      'Only the person who claimed it can reply to the answers to a claim.',
    )
  }
  const tooLong = 'x'.repeat(501)
  const long = await post(id, { intent: 'reply', claimId, message: tooLong }, nia.id)
  expect(long.status).toBe(400)
  const longBody = await long.json()
  expect(longBody.message).toBe('Your reply must be at most 500 characters (it has 501).')
  expect(longBody.values).toEqual({ claimId, message: tooLong })
  const blank = await post(id, { intent: 'reply', claimId, message: ' \n ' }, nia.id)
  expect(blank.status).toBe(400)
  expect((await blank.json()).message).toBe('Write a few words to reply.')
  const missing = await post(id, { intent: 'reply', claimId }, nia.id)
  expect(missing.status).toBe(400)
  expect((await missing.json()).message).toBe('Your reply is missing: write a few words.')
  const nul = await post(id, { intent: 'reply', claimId, message: 'a\u0000b' }, nia.id)
  expect(nul.status).toBe(400)
  expect(await nul.text()).toMatch(/NUL/)
  const bell = await post(id, { intent: 'reply', claimId, message: 'a\u0007b' }, nia.id)
  expect(bell.status).toBe(400)
  expect((await bell.json()).message).toMatch(/^Your reply contains a control character/)
  expect((await post(id, { intent: 'reply', claimId, message: 'Hi' })).status).toBe(401)
  expect(await answerRows()).toEqual(before)
  expect(
    await db.selectFrom('notification').select('id').where('kind', '=', 'claim_replied').execute(),
  ).toEqual([])

  // Sent twice (a double click without script): the second is refused, written once.
  expect((await post(id, { intent: 'reply', claimId, message: 'Thanks' }, nia.id)).status).toBe(200)
  const twice = await post(id, { intent: 'reply', claimId, message: 'Thanks' }, nia.id)
  expect(twice.status).toBe(409)
  expect((await twice.json()).message).toMatch(/^You already replied \(.+\): you can reply again/)
  expect(await answerRows()).toHaveLength(2)

  await post(id, { intent: 'answer', claimId, message: 'Good.' }, mentor.id)
  await endClaim(id, claim!.id, nia, 'abandoned', db)
  const ended = await post(id, { intent: 'reply', claimId, message: 'Bye' }, nia.id)
  expect(ended.status).toBe(409)
  expect((await ended.json()).message).toMatch(
    /^This claim ended on .+: there is nothing to reply to\.$/,
  )
  expect(await answerRows()).toHaveLength(3)
})

test('a demo claimant’s reply is marked as a demo action where it shows and in its notice', async () => {
  const db = getDb()
  const mentor = await createGitHubAccount(db, 'mo')
  const rin = await createAccount(db, 'rin', 'contributor')
  const id = await createProject(db, { mentors: ['@mo'] })
  await post(id, { intent: 'claim' }, rin.id)
  const [claim] = await claimRows()
  const claimId = String(claim!.id)
  await post(id, { intent: 'answer', claimId, message: 'Welcome!' }, mentor.id)
  expect((await post(id, { intent: 'reply', claimId, message: 'Thanks' }, rin.id)).status).toBe(200)
  expect(await claimPanelText(id, mentor.id)).toMatch(
    /rin \(demo person\) replied on .*Thanks.*demo reply/,
  )
  expect(
    await db
      .selectFrom('notification')
      .select('is_demo_action')
      .where('kind', '=', 'claim_replied')
      .execute(),
  ).toEqual([{ is_demo_action: true }])
})

test('a project that is done says nothing of asking “before you start”: nobody starts it now', async () => {
  const person = await createAccount(getDb(), 'noor', 'contributor')
  const id = await createProject(getDb(), { mentors: ['@hannesm'] })
  const before = JSON.parse(JSON.stringify(await load(id)))
  expect(before.askBeforeStarting).toMatch(/before you start\.$/)
  const claim = await claimStarterProject(id, person, getDb())
  // Claimed, it is still open: whoever holds it may still ask.
  expect(JSON.parse(JSON.stringify(await load(id))).askBeforeStarting).toMatch(/before you start/)
  await endClaim(id, claim.id, person, 'done', getDb())
  expect(JSON.parse(JSON.stringify(await load(id))).askBeforeStarting).toBeNull()
})

/** The project's page as `accountId` sees it (after `actionData`, what a post answered), as text. */
async function pageText(id: number, accountId?: number, actionData?: object) {
  return (
    await renderRouteWith(
      StarterProjectRoute,
      await load(id, accountId),
      `/starter/${id}`,
      actionData,
    )
  )
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

test('whoever works on a project reads its guide as her reading, under her claim; someone choosing still reads it first, before she starts', async () => {
  const noor = await createAccount(getDb(), 'noor', 'contributor')
  const cam = await createAccount(getDb(), 'cam', 'contributor')
  const id = await createProject(getDb(), {
    mentors: ['@hannesm'],
    languageStars: null,
    readFirst: '- [Hello world](https://mirage.io/docs/hello-world)',
  })
  const claimed = await (await post(id, { intent: 'claim' }, noor.id)).json()
  const hers = await pageText(id, noor.id, claimed)
  // "Read first … before you start" spoke to someone choosing: she has started.
  expect(hers).not.toContain('Read first')
  expect(hers).not.toContain('before you start')
  expect(hers).toContain('Next: read “Reading for this project” below')
  expect(hers).toContain('Reading for this project Hello world')
  // Right under her claim, above the difficulty and the summary: not screens away at the foot.
  const at = (text: string) => hers.indexOf(text)
  expect(at('Who is working on this')).toBeLessThan(at('Reading for this project Hello world'))
  expect(at('Reading for this project Hello world')).toBeLessThan(at('Difficulty'))
  expect(hers).toContain(
    'Unrated: it could be any level. Stuck, or unsure where to begin? Ask a mentor (see Mentors on this page).',
  )

  for (const viewer of [cam.id, undefined]) {
    const theirs = await pageText(id, viewer)
    expect(theirs).not.toContain('Reading for this project')
    expect(theirs).toContain('Read first Hello world')
    expect(theirs).toContain('Ask a mentor (see Mentors on this page) before you start.')
    expect(theirs.indexOf('Mentors')).toBeLessThan(theirs.indexOf('Read first'))
  }
})

test('with nothing to read, whoever works on it is told where to turn when stuck; someone choosing, where to ask before she starts', async () => {
  const repo = repositoryPayload('mirage/charrua')
  await mirror(getDb(), repo, [issuePayload(repo.full_name, 4, { title: 'DHCP options' })])
  const noor = await createAccount(getDb(), 'noor', 'contributor')
  const id = await createProject(getDb(), { issue: 'mirage/charrua#4', domainStars: null })
  expect((await post(id, { intent: 'claim' }, noor.id)).status).toBe(200)
  const hers = await pageText(id, noor.id)
  expect(hers).not.toContain('before you start')
  expect(hers).toContain(
    'Reading for this project Nothing listed yet: the summary above explains the project. Stuck, or unsure where to begin? No mentor you can reach is listed: ask on the attached issue, mirage/charrua#4.',
  )
  expect(await pageText(id)).toContain(
    'Read first Nothing listed yet. No mentor you can reach is listed: ask on the attached issue, mirage/charrua#4, before you start.',
  )
  // Once her claim ends she works on it no more: the page speaks to someone choosing again.
  const [claim] = await claimRows()
  await endClaim(id, claim!.id, noor, 'abandoned', getDb())
  expect(await pageText(id, noor.id)).toContain(
    'Read first Nothing listed yet. No mentor you can reach is listed',
  )
})

test('mentors an old list named, with no way to reach them: “Read first” and “Stuck?” say no mentor one can reach is listed, not that none is, under the Mentors naming them', async () => {
  const noor = await createAccount(getDb(), 'noor', 'contributor')
  const id = await createProject(getDb(), {
    mentors: ['Hannes Mehnert (hannes)'],
    repos: ['hannesm/telnet'],
  })
  const theirs = await pageText(id)
  expect(theirs).toContain('Hannes Mehnert (hannes)')
  expect(theirs).toContain(
    'Read first Nothing listed yet. No mentor you can reach nor an issue to ask is listed: ask its maintainers in an issue on hannesm/telnet before you start.',
  )
  expect(theirs).not.toMatch(/No mentor (or issue )?to ask is listed/)
  expect((await post(id, { intent: 'claim' }, noor.id)).status).toBe(200)
  expect(await pageText(id, noor.id)).toContain(
    'Stuck, or unsure where to begin? No mentor you can reach nor an issue to ask is listed: ask its maintainers in an issue on hannesm/telnet.',
  )
})

test('finishing with a link to the pull request stores it, names it in the mentors’ notice and the earlier claims: by its title on the board’s page when mirrored, else GitHub', async () => {
  const db = getDb()
  const repo = repositoryPayload('mirage/mirage-tcpip')
  await mirror(db, repo, [issuePayload(repo.full_name, 512, { title: 'TCP: scale the window' })])
  const [mo, nia, ana] = [
    await createGitHubAccount(db, 'mo'),
    await createGitHubAccount(db, 'nia'),
    await createGitHubAccount(db, 'ana'),
  ]
  const id = await createProject(db, { size: 'elastic', mentors: ['@mo'], title: 'Window scaling' })
  await post(id, { intent: 'claim' }, nia.id)
  await post(id, { intent: 'claim' }, ana.id)
  const [nias, anas] = await claimRows()
  // Typed as GitHub shows it, another case than the mirror's: still the mirrored pull request.
  const sent = await post(
    id,
    {
      intent: 'finish',
      claimId: String(nias!.id),
      finishLink: 'https://github.com/Mirage/mirage-tcpip/pull/512/files',
    },
    nia.id,
  )
  expect(sent.status).toBe(200)
  await post(
    id,
    {
      intent: 'finish',
      claimId: String(anas!.id),
      finishLink: 'https://github.com/mirage/elsewhere/issues/3',
    },
    ana.id,
  )
  const stored = await db
    .selectFrom('starter_claim')
    .select(['account_id', 'outcome', 'finish_link'])
    .orderBy('id')
    .execute()
  expect(stored).toEqual([
    {
      account_id: nia.id,
      outcome: 'done',
      finish_link: 'https://github.com/Mirage/mirage-tcpip/pull/512',
    },
    {
      account_id: ana.id,
      outcome: 'done',
      finish_link: 'https://github.com/mirage/elsewhere/issues/3',
    },
  ])
  const notices = await db
    .selectFrom('notification')
    .select('title')
    .where('account_id', '=', mo.id)
    .where('kind', '=', 'project_finished')
    .orderBy('id')
    .execute()
  expect(notices.map((notice) => notice.title)).toEqual([
    'nia finished “Window scaling” with Mirage/mirage-tcpip#512',
    'ana finished “Window scaling” with mirage/elsewhere#3',
  ])

  const mentorView = await load(id, mo.id)
  expect(mentorView.endedClaims).toMatchObject([
    {
      login: 'ana',
      finishLink: {
        ref: 'mirage/elsewhere#3',
        href: 'https://github.com/mirage/elsewhere/issues/3',
        isMirrored: false,
        title: null,
      },
    },
    {
      login: 'nia',
      finishLink: {
        ref: 'mirage/mirage-tcpip#512',
        href: '/repos/mirage/mirage-tcpip/issues/512',
        isMirrored: true,
        title: 'TCP: scale the window',
      },
    },
  ])
  const page = (await renderRouteWith(StarterProjectRoute, mentorView, `/starter/${id}`)).replace(
    /<!-- -->/g,
    '',
  )
  expect(page).toContain('href="/repos/mirage/mirage-tcpip/issues/512"')
  expect(page).toContain('href="https://github.com/mirage/elsewhere/issues/3"')
  // The mirrored pull request by its title, linked to the board's page for it.
  expect(page).toMatch(
    /<a [^>]*href="\/repos\/mirage\/mirage-tcpip\/issues\/512"[^>]*>TCP: scale the window<\/a>/,
  )
  expect(page.replace(/<[^>]+>/g, '')).toMatch(
    /nia: finished \d+ \w+ \d{4} with TCP: scale the window \(mirage\/mirage-tcpip#512\)/,
  )
  expect(page.replace(/<[^>]+>/g, '')).toMatch(
    /ana: finished \d+ \w+ \d{4} with mirage\/elsewhere#3 \(on GitHub\)/,
  )
  expect(page).not.toContain('no link given')
  // Anyone reading the project page sees the credit with the work.
  const publicPage = (await renderRouteWith(StarterProjectRoute, await load(id), `/starter/${id}`))
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, '')
  expect(publicPage).toContain(
    'Nobody now; parts done by @nia with TCP: scale the window (mirage/mirage-tcpip#512), @ana with mirage/elsewhere#3 (on GitHub).',
  )
})

test('a finish link that is no GitHub pull request or issue is a 400 that keeps it and ends nothing; none at all finishes as before', async () => {
  const db = getDb()
  const [mo, nia] = [await createGitHubAccount(db, 'mo'), await createGitHubAccount(db, 'nia')]
  const id = await createProject(db, { mentors: ['@mo'], title: 'Window scaling' })
  await post(id, { intent: 'claim' }, nia.id)
  const [claim] = await claimRows()
  const pull = 'https://github.com/mirage/mirage/pull/'
  const refusals: [string, RegExp][] = [
    ['javascript:alert(document.cookie)', /is not a GitHub pull request or issue/],
    ['https://evil.example/mirage/mirage/pull/1', /is not a GitHub pull request or issue/],
    ['mirage#1', /is not a GitHub pull request or issue: paste its address/],
    ['http://github.com/mirage/mirage/pull/1', /starts with http:\/\//],
    [`${pull}1\u0001`, /control character/],
    [`${pull}1\n${pull}2`, /control character/],
    [`${pull}${'9'.repeat(300)}`, /at most 200 characters/],
    [`${pull}${'9'.repeat(5000)}`, /at most 200 characters/],
    [`${pull}0`, /no such number/],
    [`${pull}2147483648`, /no such number/],
  ]
  for (const [finishLink, reason] of refusals) {
    const refused = await post(
      id,
      { intent: 'finish', claimId: String(claim!.id), finishLink },
      nia.id,
    )
    expect(refused.status, finishLink.slice(0, 40)).toBe(400)
    const body = await refused.json()
    expect(body.message).toMatch(/^Your link /)
    expect(body.message).toMatch(reason)
    expect(body.values).toMatchObject({ intent: 'finish', finishLink })
  }
  // A NUL is refused before any page reads the form, as in every field of the board.
  const withNul = await post(
    id,
    { intent: 'finish', claimId: String(claim!.id), finishLink: `${pull}1\u0000` },
    nia.id,
  )
  expect(withNul.status).toBe(400)
  expect(await withNul.text()).toMatch(/"finishLink" contains a NUL character/)
  expect(await claimRows()).toMatchObject([{ ended_at: null, outcome: null }])
  expect((await load(id)).project.status).not.toBe('done')
  const finishedNotices = () =>
    db
      .selectFrom('notification')
      .select('title')
      .where('account_id', '=', mo.id)
      .where('kind', '=', 'project_finished')
      .execute()
  expect(await finishedNotices()).toEqual([])

  // The page after the refusal: the confirmation again, the link as typed, the reason under it.
  const refused = await post(
    id,
    { intent: 'finish', claimId: String(claim!.id), finishLink: 'javascript:alert(1)' },
    nia.id,
  )
  const page = await renderRouteWith(
    StarterProjectRoute,
    await load(id, nia.id),
    `/starter/${id}`,
    await refused.json(),
  )
  expect(page).toContain('Yes, I finished it')
  expect(page).toContain('value="javascript:alert(1)"')
  expect(page).toContain('id="finish-link-error"')
  expect(page).toContain('aria-invalid="true"')
  expect(page).not.toContain('href="javascript:')
  expect(page.match(/Your link is not a GitHub pull request or issue/g)).toHaveLength(1)

  // Optional: without one (empty, or no field at all) it finishes as before.
  const finished = await post(
    id,
    { intent: 'finish', claimId: String(claim!.id), finishLink: '  ' },
    nia.id,
  )
  expect(finished.status).toBe(200)
  expect((await finished.json()).message).toMatch(/marked done/)
  expect(await db.selectFrom('starter_claim').select(['outcome', 'finish_link']).execute()).toEqual(
    [{ outcome: 'done', finish_link: null }],
  )
  expect(await finishedNotices()).toEqual([{ title: 'nia finished “Window scaling”' }])
})

test('a claim finished without a link says “no link given” to maintainers; claims finished before the question keep what they had', async () => {
  const db = getDb()
  const dana = await createMaintainer(db, 'dana')
  const [nia, ana, kim, lee] = [
    await createGitHubAccount(db, 'nia'),
    await createGitHubAccount(db, 'ana'),
    await createGitHubAccount(db, 'kim'),
    await createGitHubAccount(db, 'lee'),
  ]
  const id = await createProject(db, { size: 'elastic', title: 'Window scaling' })
  for (const person of [nia, ana, kim, lee]) await post(id, { intent: 'claim' }, person.id)
  const [nias, anas, kims, lees] = await claimRows()
  await post(id, { intent: 'finish', claimId: String(nias!.id), finishLink: '' }, nia.id)
  await post(id, { intent: 'abandon', claimId: String(lees!.id) }, lee.id)
  // Finished before finishing asked for the link (as the migration leaves them): one with the
  // short form taken then, one with none. Neither is said to have been given no link.
  await db
    .updateTable('starter_claim')
    .set({ ended_at: new Date('2026-12-01T10:00:00Z'), outcome: 'done', ended_by: ana.id })
    .set({ finish_link: 'mirage/mirage-tcpip#77' })
    .where('id', '=', anas!.id)
    .execute()
  await db
    .updateTable('starter_claim')
    .set({ ended_at: new Date('2026-12-01T11:00:00Z'), outcome: 'done', ended_by: kim.id })
    .where('id', '=', kims!.id)
    .execute()
  expect(
    await db
      .selectFrom('starter_claim')
      .select(['account_id', 'finish_link_asked'])
      .orderBy('id')
      .execute(),
  ).toEqual([
    { account_id: nia.id, finish_link_asked: true },
    { account_id: ana.id, finish_link_asked: false },
    { account_id: kim.id, finish_link_asked: false },
    { account_id: lee.id, finish_link_asked: false },
  ])

  const page = (
    await renderRouteWith(StarterProjectRoute, await load(id, dana.id), `/starter/${id}`)
  )
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, '')
  expect(page).toMatch(/nia: finished \d+ \w+ \d{4}, no link given — no report yet/)
  expect(page).toMatch(/ana: finished 1 Dec 2026 with mirage\/mirage-tcpip#77 \(on GitHub\)/)
  expect(page).toMatch(/kim: finished 1 Dec 2026 — no report yet/)
  expect(page).toMatch(/lee: stopped \d+ \w+ \d{4} — no report yet/)
  expect(page.match(/no link given/g)).toHaveLength(1)
})

test('the finish confirmation offers the optional link to the pull request', async () => {
  const db = getDb()
  const nia = await createGitHubAccount(db, 'nia')
  const id = await createProject(db)
  await post(id, { intent: 'claim' }, nia.id)
  const confirm = await loaderArgs(`/starter/${id}?confirm=finish`, {
    accountId: nia.id,
    params: { id: String(id) },
  })
  const page = await renderRouteWith(
    StarterProjectRoute,
    await (await loader(confirm)).json(),
    `/starter/${id}?confirm=finish`,
  )
  expect(page.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, '')).toContain(
    'Link to your pull request (optional)',
  )
  expect(page).toContain('name="finishLink"')
  expect(page).toContain('maxLength="200"')
  // Not on stopping: there is nothing to show for it.
  const stop = await loaderArgs(`/starter/${id}?confirm=stop`, {
    accountId: nia.id,
    params: { id: String(id) },
  })
  const stopPage = await renderRouteWith(
    StarterProjectRoute,
    await (await loader(stop)).json(),
    `/starter/${id}?confirm=stop`,
  )
  expect(stopPage).not.toContain('name="finishLink"')
})
