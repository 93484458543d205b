import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'
import { answerClaim, replyToClaim } from '../starter/claim-answer.server'
import { claimStarterProject } from '../starter/claim.server'

import { loader } from './api.starter-projects'

const getDb = setupTestDatabase()

// Either answer of the endpoint, as a client reads it.
type ApiBody = {
  items: { id: number; title: string }[]
  nextCursor: string | null
  error: { message: string; problems: { parameter: string; message: string; allowed: string }[] }
}

async function get(query: string) {
  const response = await callLoader(loader, `/api/starter-projects${query}`)
  return { status: response.status, body: (await response.json()) as ApiBody }
}

test('answers the documented shape', async () => {
  const id = await createProject(getDb(), {
    title: 'Port the unikernel to a new board',
    primaryDomain: 'platform',
    secondaryDomains: ['tooling'],
    languageStars: 1,
    domainStars: null,
    size: 'month',
    mentors: ['Anil'],
    repos: ['mirage/mirage'],
  })
  const { status, body } = await get('')
  expect(status).toBe(200)
  expect(body).toEqual({
    items: [
      {
        id,
        title: 'Port the unikernel to a new board',
        url: `http://localhost/starter/${id}`,
        domain: 'platform',
        secondaryDomains: ['tooling'],
        languageStars: 1,
        domainStars: null,
        size: 'month',
        mentors: ['Anil'],
        repos: ['mirage/mirage'],
        status: 'open',
        claimedBy: [],
        claims: [],
        isDemoRating: false,
        issue: null,
        perceived: { languageStars: null, domainStars: null, reports: 0, demoReports: 0 },
      },
    ],
    nextCursor: null,
  })
})

test('the finder parameters choose and order the projects', async () => {
  const db = getDb()
  await createProject(db, {
    title: 'Hard OCaml',
    primaryDomain: 'security',
    languageStars: 3,
    domainStars: 1,
  })
  await createProject(db, { title: 'Web', primaryDomain: 'web', domainStars: 2 })
  await createProject(db, { title: 'Networking', primaryDomain: 'networking', domainStars: 1 })
  const newcomer = await get('')
  expect(newcomer.body.items.map((item) => item.title)).toEqual(['Networking'])
  const webPerson = await get('?level=comfortable&know=web')
  expect(webPerson.body.items.map((item) => item.title)).toEqual([
    'Web',
    'Networking',
    'Hard OCaml',
  ])
  const filtered = await get('?level=comfortable&know=web&domain=networking')
  expect(filtered.body.items.map((item) => item.title)).toEqual(['Networking'])
})

test('nextCursor walks the whole list page by page', async () => {
  for (let day = 1; day <= 7; day++) {
    await createProject(getDb(), { title: `Day ${day}` }, null, {
      createdAt: new Date(Date.UTC(2026, 0, day)),
    })
  }
  const titles: string[] = []
  let query = '?limit=3&level=some'
  for (;;) {
    const { body } = await get(query)
    titles.push(...body.items.map((item) => item.title))
    if (!body.nextCursor) break
    query = `?limit=3&level=some&cursor=${body.nextCursor}`
  }
  expect(titles).toEqual(['Day 7', 'Day 6', 'Day 5', 'Day 4', 'Day 3', 'Day 2', 'Day 1'])
})

test('a cursor used with other parameters answers 400', async () => {
  for (let day = 1; day <= 3; day++) await createProject(getDb(), { title: `Day ${day}` })
  const first = await get('?limit=1')
  const { status, body } = await get(`?limit=1&level=comfortable&cursor=${first.body.nextCursor}`)
  expect(status).toBe(400)
  expect(body.error.problems.map((problem) => problem.parameter)).toEqual(['cursor'])
})

test('invalid parameters answer 400 naming each and what is allowed', async () => {
  const { status, body } = await get('?level=expert&know=cooking&maxDomain=5&limit=500&cursor=x')
  expect(status).toBe(400)
  expect(body.error.problems).toEqual([
    {
      parameter: 'level',
      message: '"expert" is not a language level',
      allowed: 'none, some, comfortable',
    },
    {
      parameter: 'know',
      message: '"cooking" is not a domain',
      allowed:
        'networking, security, storage, web, platform, tooling, testing, monitoring, documentation, community',
    },
    {
      parameter: 'maxDomain',
      message: '"5" is not a number of stars',
      allowed: '1, 2, 3 (or any)',
    },
    {
      parameter: 'limit',
      message: '"500" is not a page size',
      allowed: 'a whole number from 1 to 100',
    },
    {
      parameter: 'cursor',
      message: 'the cursor is not one this finder issued for this background and these filters',
      allowed: 'the nextCursor of a previous answer with the same parameters',
    },
  ])
})

test('q, repo and status choose projects; done and inactive ones are listed on request', async () => {
  const db = getDb()
  await createProject(db, { title: 'Memory profiler', repos: ['mirage/mirage'] })
  await createProject(db, { title: 'TLS handshake', repos: ['mirage/ocaml-tls'] })
  await createProject(db, { title: 'Finished memory work', status: 'done' })
  await createProject(db, { title: 'Retired idea', status: 'inactive' })
  const titles = async (query: string) => {
    const { status, body } = await get(query)
    expect(status).toBe(200)
    return body.items.map((item) => item.title).sort()
  }
  expect(await titles('?q=mem')).toEqual(['Memory profiler'])
  expect(await titles('?q=-the -tls')).toEqual(['Memory profiler'])
  expect(await titles('?repo=MIRAGE/ocaml-tls')).toEqual(['TLS handshake'])
  expect(await titles('?status=done')).toEqual(['Finished memory work'])
  expect(await titles('?status=inactive')).toEqual(['Retired idea'])
  expect(await titles('?status=all')).toHaveLength(4)
  const { body } = await get('?status=done')
  expect((body.items[0] as unknown as { status: string }).status).toBe('done')
  // Any search text is valid syntax: broken quotes and lone signs never fail.
  expect(await titles('?q=%22unclosed%20-%20%22')).toEqual([])
})

test('a bad status, repository or over-long search answers 400 with the reason', async () => {
  const { status, body } = await get(`?status=closed&repo=nope&q=${'x'.repeat(201)}`)
  expect(status).toBe(400)
  expect(body.error.problems.map((problem) => problem.parameter).sort()).toEqual([
    'q',
    'repo',
    'status',
  ])
})

test('each running claim says whether and when it was answered, never the answer’s words', async () => {
  const db = getDb()
  const mo = await createAccount(db, 'mo')
  const nia = await createGitHubAccount(db, 'nia')
  const rin = await createGitHubAccount(db, 'rin')
  const project = await createProject(db, { title: 'TCP tests', mentors: ['mo'], size: 'elastic' })
  const answered = await claimStarterProject(project, nia, db)
  await claimStarterProject(project, rin, db)
  await answerClaim(
    project,
    answered.id,
    { ...mo, isMaintainer: false },
    { message: 'Start with the RST test.' },
    db,
  )
  const { body } = await get('')
  const [item] = body.items as unknown as { claims: Record<string, unknown>[] }[]
  expect(item!.claims).toEqual([
    {
      login: 'nia',
      claimedAt: expect.any(String),
      isDemoAction: false,
      answered: true,
      answeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      // mo is a demo person (createAccount): her answer is a demo action.
      isDemoAnswer: true,
    },
    {
      login: 'rin',
      claimedAt: expect.any(String),
      isDemoAction: false,
      answered: false,
      answeredAt: null,
      isDemoAnswer: false,
    },
  ])
  expect(JSON.stringify(body)).not.toContain('RST test')
})

test('a claimant’s reply and a second answer leave “answered” the first answer’s, words unsaid', async () => {
  const db = getDb()
  const mo = await createGitHubAccount(db, 'mo')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const nia = await createAccount(db, 'nia')
  const project = await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  const claim = await claimStarterProject(project, nia, db)
  await answerClaim(project, claim.id, { ...mo, isMaintainer: false }, { message: 'Hi' }, db)
  const first = await get('')
  await replyToClaim(project, claim.id, nia, { message: 'Where is the RST test?' }, db)
  await answerClaim(project, claim.id, { ...dana, isMaintainer: true }, { message: 'Here.' }, db)
  const { body } = await get('')
  const claims = (body.items as unknown as { claims: Record<string, unknown>[] }[])[0]!.claims
  expect(claims).toEqual(
    (first.body.items as unknown as { claims: Record<string, unknown>[] }[])[0]!.claims,
  )
  // mo is a GitHub account: the first answer is no demo action, whoever answered later.
  expect(claims[0]).toMatchObject({ answered: true, isDemoAnswer: false })
  expect(JSON.stringify(body)).not.toContain('RST test')
})
