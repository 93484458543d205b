import { describe, expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import {
  createAccount,
  createGitHubAccount,
  createProject,
  starterInput,
} from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { mapIssue, mapRepository } from '../github/map'
import { upsertIssues } from '../mirror/issue.server'
import { upsertRepository } from '../mirror/repository.server'
import { DEFAULT_STARTER_DOMAINS } from '../utils/env.server'
import { formatDate } from '../utils/format'
import { Refusal } from '../utils/refusal'

import { mentorsNamedText } from './listed'
import { starterProjectInputSchema } from './project-input'
import { getStarterProject, rateStarterProject, updateStarterProject } from './project.server'

const getDb = setupTestDatabase()

async function mirrorIssue(state: 'open' | 'closed' = 'open') {
  const repo = repositoryPayload('mirage/mirage-tcpip')
  await upsertRepository(mapRepository(repo), getDb())
  const payload = issuePayload('mirage/mirage-tcpip', 207, { state })
  await upsertIssues([mapIssue(payload, repo.id)], getDb())
  return { repo, payload }
}

async function snapshot() {
  const db = getDb()
  return {
    projects: await db.selectFrom('starter_project').selectAll().orderBy('id').execute(),
    mentors: await db.selectFrom('starter_project_mentor').selectAll().execute(),
    audit: await db.selectFrom('rating_audit').selectAll().orderBy('id').execute(),
  }
}

describe('starter project input', () => {
  const schema = starterProjectInputSchema(DEFAULT_STARTER_DOMAINS)

  test('accepts a full form and drops the primary domain from the secondary ones', () => {
    const parsed = schema.parse({
      title: '  DHCP client  ',
      primaryDomain: 'networking',
      secondaryDomains: ['networking', 'security'],
      languageStars: '2',
      domainStars: 'unrated',
      size: 'elastic',
      mentors: '@hannesm\nMindy Preston',
      repos: 'mirage/charrua, mirage/charrua',
      relatedIssues: 'mirage/mirage-tcpip#207',
    })
    expect(parsed).toMatchObject({
      title: 'DHCP client',
      secondaryDomains: ['security'],
      languageStars: 2,
      domainStars: null,
      size: 'elastic',
      mentors: ['@hannesm', 'Mindy Preston'],
      repos: ['mirage/charrua'],
      status: 'open',
      issue: null,
    })
  })

  test.each([
    [{ languageStars: '4' }, 'languageStars', 'must be 1, 2 or 3 stars, or unrated'],
    [{ domainStars: '0' }, 'domainStars', 'must be 1, 2 or 3 stars, or unrated'],
    [{ primaryDomain: '' }, 'primaryDomain', 'choose the domain this project needs most'],
    [{ primaryDomain: 'cooking' }, 'primaryDomain', 'must be one of: networking'],
    [{ secondaryDomains: ['cooking'] }, 'secondaryDomains', 'must be one of'],
    [{ size: 'year' }, 'size', 'must be one of: day, week, month, elastic'],
    [{ repos: 'not a repo' }, 'repos', 'owner/name'],
    [{ relatedIssues: 'mirage/charrua#x' }, 'relatedIssues', 'owner/name#number'],
    [{ title: '   ' }, 'title', 'is required'],
  ])('refuses %j with a message on %s', (override, field, message) => {
    const result = schema.safeParse({
      title: 'A project',
      primaryDomain: 'networking',
      languageStars: '1',
      domainStars: '1',
      ...override,
    })
    expect(result.success).toBe(false)
    const issue = result.error?.issues.find((candidate) => candidate.path[0] === field)
    expect(issue?.message).toContain(message)
  })
})

describe('starter projects', () => {
  test('creating audits the initial ratings and keeps mentors as accounts or plain names', async () => {
    const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
    await createAccount(getDb(), 'hannesm')
    const id = await createProject(
      getDb(),
      { languageStars: 2, domainStars: null, mentors: ['@HannesM', 'Mindy Preston'] },
      maintainer,
    )
    const project = await getStarterProject(id, getDb())
    expect(project).toMatchObject({
      language_stars: 2,
      domain_stars: null,
      rated_by_login: 'dana',
      status: 'open',
      claims: [],
      perceived: { languageStars: null, domainStars: null, reports: 0 },
    })
    expect(project?.mentors.map((mentor) => [mentor.name, mentor.account_id !== null])).toEqual([
      ['hannesm', true],
      ['Mindy Preston', false],
    ])
    expect(project?.ratingHistory).toMatchObject([
      { actor_login: 'dana', axis: 'language', from_stars: null, to_stars: 2 },
    ])
  })

  test('a bare name that is an account login is that account, and one person is one mentor', async () => {
    const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
    await createAccount(getDb(), 'hannesm')
    const id = await createProject(
      getDb(),
      // "Dana" and "@dana" are one person; so are "mindy" and "@Mindy", who has no account.
      { mentors: ['Dana', 'hannesm', '@dana', 'mindy', '@Mindy', 'Mindy Preston'] },
      maintainer,
    )
    const project = await getStarterProject(id, getDb())
    expect(project?.mentors.map((mentor) => [mentor.name, mentor.account_id])).toEqual([
      ['dana', maintainer.id],
      ['hannesm', expect.any(Number)],
      ['mindy', null],
      ['Mindy Preston', null],
    ])
    expect((await snapshot()).mentors.map((mentor) => mentor.position)).toEqual([0, 1, 2, 3])
  })

  test('mentors changed by an update are named then, and by whom; an unchanged list keeps its date', async () => {
    const db = getDb()
    const maintainer = await createGitHubAccount(db, 'mia')
    const input = starterInput({ title: 'DHCP client', mentors: ['Mindy Preston'] })
    const id = await createProject(db, input, maintainer)
    const named = async () => {
      const project = (await getStarterProject(id, db))!
      return mentorsNamedText({
        createdAt: project.created_at,
        listedEra: project.listed_era,
        mentorsNamedAt: project.mentors_named_at,
        mentorsNamedByDemo: project.mentors_named_by_demo,
      })
    }
    const listed = await named()
    expect(listed).toMatch(/^Named when the project was listed, on /)
    // Saving the form again with the same mentors (a rating changed, say) names nobody anew.
    await updateStarterProject(id, { ...input, languageStars: 2 }, maintainer, db)
    expect(await named()).toBe(listed)

    await updateStarterProject(
      id,
      { ...input, mentors: ['Mindy Preston', 'Hannes'] },
      maintainer,
      db,
    )
    const row = await db
      .selectFrom('starter_project')
      .select(['mentors_named_at', 'mentors_named_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.mentors_named_by).toBe(maintainer.id)
    expect(await named()).toBe(`Named on ${formatDate(row.mentors_named_at!)}`)
    // A demo person's change is a demo action, and the note says so.
    const demo = await ensureDemoAccount(DEMO_PEOPLE[0], db)
    await updateStarterProject(
      id,
      { ...input, mentors: ['Hannes'] },
      { id: demo, login: 'demo-maintainer' },
      db,
    )
    expect(await named()).toMatch(/^Named on .+ by a demo person \(a demo action\)$/)
  })

  test('re-rating records who changed which axis from what to what, and nothing when unchanged', async () => {
    const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
    const id = await createProject(getDb(), { languageStars: 1, domainStars: 1 }, maintainer)
    expect(
      await rateStarterProject(id, { languageStars: 3, domainStars: 1 }, maintainer, getDb()),
    ).toBe(true)
    expect(
      await rateStarterProject(id, { languageStars: 3, domainStars: 1 }, maintainer, getDb()),
    ).toBe(false)
    const audit = (await snapshot()).audit.map((row) => [row.axis, row.from_stars, row.to_stars])
    expect(audit).toEqual([
      ['language', null, 1],
      ['domain', null, 1],
      ['language', 1, 3],
    ])
  })

  test('the database refuses ratings outside 1-3 even past the form', async () => {
    const id = await createProject(getDb())
    await expect(
      getDb()
        .updateTable('starter_project')
        .set({ language_stars: 4 as never })
        .where('id', '=', id)
        .execute(),
    ).rejects.toThrow(/starter_project_language_stars_check/)
  })

  test('an attached project follows its GitHub issue: closed → done, reopened → open', async () => {
    const { repo, payload } = await mirrorIssue()
    const id = await createProject(getDb(), { issue: 'Mirage/Mirage-TCPIP#207' })
    expect((await getStarterProject(id, getDb()))?.issue_state).toBe('open')

    const closed = { ...payload, state: 'closed' as const, updated_at: '2030-01-01T00:00:00Z' }
    await upsertIssues([mapIssue(closed, repo.id)], getDb())
    expect((await getStarterProject(id, getDb()))?.status).toBe('done')

    const reopened = { ...payload, state: 'open' as const, updated_at: '2030-01-02T00:00:00Z' }
    await upsertIssues([mapIssue(reopened, repo.id)], getDb())
    expect((await getStarterProject(id, getDb()))?.status).toBe('open')
  })

  test('attaching an issue that is already closed makes the project done from the start', async () => {
    await mirrorIssue('closed')
    const id = await createProject(getDb(), { issue: 'mirage/mirage-tcpip#207' })
    expect((await getStarterProject(id, getDb()))?.status).toBe('done')
  })

  test('an issue outside the mirror, or already a project, is refused and nothing is written', async () => {
    await mirrorIssue()
    await createProject(getDb(), { issue: 'mirage/mirage-tcpip#207' })
    const before = await snapshot()
    await expect(
      createProject(getDb(), { issue: 'mirage/mirage-tcpip#999', mentors: ['X'] }),
    ).rejects.toThrow(/mirage\/mirage-tcpip#999 is not in the mirror/)
    await expect(
      createProject(getDb(), { issue: 'mirage/mirage-tcpip#207', languageStars: 3 }),
    ).rejects.toMatchObject({ status: 409 })
    expect(await snapshot()).toEqual(before)
  })

  test('updating an unknown project is a 404 and a failed update changes nothing', async () => {
    await expect(updateStarterProject(12345, starterInput(), null, getDb())).rejects.toBeInstanceOf(
      Refusal,
    )
    const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
    const id = await createProject(getDb(), { mentors: ['Someone'] }, maintainer)
    const before = await snapshot()
    await expect(
      updateStarterProject(
        id,
        starterInput({ languageStars: 3, issue: 'nowhere/none#1' }),
        maintainer,
        getDb(),
      ),
    ).rejects.toThrow(/not in the mirror/)
    expect(await snapshot()).toEqual(before)
  })
})
