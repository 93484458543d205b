import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { createGitHubAccount } from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'

import { recordCallDecision } from './decision.server'
import {
  linkEffortIssues,
  listEffortFacts,
  listEffortStatusChanges,
  listOwnerSuggestions,
  setEffortOwners,
  setEffortStatus,
  setEffortTarget,
} from './effort.server'
import { getPublicRoadmap } from './roadmap.server'
import { makeIdea, makePerson, makeTarget, snapshotRoadmap } from './test-fixtures'

const getDb = setupTestDatabase()

const AGREED_AT = new Date('2015-03-25T12:00:00Z')
const NOW = new Date('2026-12-04T10:00:00Z')

/** A target with one agreed effort linked to mirage/mirage#1 (closed) and #2 (open, untouched). */
async function agreedEffort() {
  const target = await makeTarget(getDb())
  await mirror(getDb(), repositoryPayload('mirage/mirage'), [
    issuePayload('mirage/mirage', 1, {
      state: 'closed',
      created_at: '2015-01-01T00:00:00Z',
      updated_at: '2015-06-01T00:00:00Z',
      closed_at: '2015-06-01T00:00:00Z',
    }),
    issuePayload('mirage/mirage', 2, {
      created_at: '2015-02-01T00:00:00Z',
      updated_at: '2015-02-01T00:00:00Z',
    }),
    issuePayload('mirage/mirage', 3, {
      created_at: '2015-02-01T00:00:00Z',
      updated_at: '2015-02-01T00:00:00Z',
    }),
  ])
  const effort = await makeIdea(getDb(), target, 'Better tests', {
    links: ['mirage/mirage#1', 'mirage/mirage#2'],
  })
  const idea = await makeIdea(getDb(), target, 'Doc days')
  await recordCallDecision(
    {
      releaseTargetId: target.targetId,
      name: 'Call of 25 March 2015',
      decidedAt: AGREED_AT,
      sourceKey: 'call-1',
      sourceUrl: null,
      rationale: 'Quality first.',
      outcomes: [{ ideaId: effort, outcome: 'agreed', disposition: 'roadmap', reason: null }],
    },
    getDb(),
  )
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  return { target, effort, idea, dana }
}

async function factsOf(effort: number) {
  const facts = await listEffortFacts([{ id: effort, agreedAt: AGREED_AT }], NOW, getDb())
  return facts.get(effort)!
}

test('an effort with one of two linked issues closed is in progress, with its counts and burn-up', async () => {
  const { effort } = await agreedEffort()
  const facts = await factsOf(effort)
  expect(facts).toMatchObject({
    status: 'in-progress',
    derivedStatus: 'in-progress',
    override: null,
    owners: [],
    targetDate: null,
    progress: { closed: 1, open: 1, total: 2, unknown: 0 },
  })
  expect(facts.burnUp[0]).toEqual({ day: '2015-03-25', values: { scope: 2, closed: 0 } })
  expect(facts.burnUp.at(-1)).toEqual({ day: '2026-12-04', values: { scope: 2, closed: 1 } })
})

test('a maintainer override wins, says who set it, and clearing it returns to the derived status', async () => {
  const { effort, dana } = await agreedEffort()
  await setEffortStatus(effort, 'dropped', dana, NOW, getDb())
  expect(await factsOf(effort)).toMatchObject({
    status: 'dropped',
    derivedStatus: 'in-progress',
    override: { status: 'dropped', by: 'dana', isDemo: true, at: NOW },
  })
  await setEffortStatus(effort, null, dana, NOW, getDb())
  expect(await factsOf(effort)).toMatchObject({ status: 'in-progress', override: null })
  const events = await getDb()
    .selectFrom('effort_event')
    .select(['kind', 'detail'])
    .orderBy('id')
    .execute()
  expect(events.map((event) => event.detail)).toEqual([
    'Status set to “Dropped” by dana (demo person).',
    'Status override cleared by dana (demo person): derived from the linked issues again.',
  ])
})

test('a status override on an idea that is not agreed is refused with the reason, nothing stored', async () => {
  const { idea, dana } = await agreedEffort()
  const before = await snapshotRoadmap(getDb())
  await expect(setEffortStatus(idea, 'done', dana, NOW, getDb())).rejects.toThrow(
    `Idea ${idea} is not an agreed effort (it is still in ideation): only an idea agreed in a round's decision has a status.`,
  )
  expect(await snapshotRoadmap(getDb())).toEqual(before)
  expect(await getDb().selectFrom('effort').selectAll().execute()).toEqual([])
})

test('owner suggestions on a board with no maintainer yet: every account, none called a maintainer', async () => {
  const { effort, dana } = await agreedEffort()
  await getDb().deleteFrom('account').where('id', '=', dana.id).execute()
  await createGitHubAccount(getDb(), 'hannesm')
  expect(await listOwnerSuggestions(effort, getDb())).toEqual([
    {
      login: 'hannesm',
      name: null,
      isDemo: false,
      worksInArea: false,
      isMaintainer: false,
    },
  ])
  expect(await listOwnerSuggestions(999_999, getDb())).toEqual([])
})

test('owners must be accounts: unknown names are refused, all named at once', async () => {
  const { effort, dana } = await agreedEffort()
  await makePerson(getDb(), 'Hannes', 'contributor')
  await expect(
    setEffortOwners(effort, ['hannes', 'nobody', 'ghost'], dana, getDb()),
  ).rejects.toThrow(
    '“nobody”, “ghost” are not accounts of the board: owners must have signed in at least once.',
  )
  expect(await getDb().selectFrom('effort_owner').selectAll().execute()).toEqual([])
  expect(await setEffortOwners(effort, ['@hannes', 'dana', 'HANNES'], dana, getDb())).toEqual([
    'Hannes',
    'dana',
  ])
  expect((await factsOf(effort)).owners.map((owner) => owner.login).sort()).toEqual([
    'Hannes',
    'dana',
  ])
  await setEffortOwners(effort, [], dana, getDb())
  expect((await factsOf(effort)).owners).toEqual([])
})

test('a target date in the past is refused; today or later is kept; blank clears it', async () => {
  const { effort, dana } = await agreedEffort()
  await expect(setEffortTarget(effort, '2026-12-03', dana, NOW, getDb())).rejects.toThrow(
    'The target date 2026-12-03 is in the past (today is 2026-12-04).',
  )
  await setEffortTarget(effort, '2027-03-01', dana, NOW, getDb())
  expect((await factsOf(effort)).targetDate).toBe('2027-03-01')
  await setEffortTarget(effort, null, dana, NOW, getDb())
  expect((await factsOf(effort)).targetDate).toBeNull()
})

test('linking one more issue to an effort records who linked it; a closed link makes it done', async () => {
  const { effort, dana, target } = await agreedEffort()
  await expect(linkEffortIssues(effort, 'mirage/mirage#1', dana, NOW, getDb())).rejects.toThrow(
    'Those issues are already linked to this effort.',
  )
  await expect(linkEffortIssues(effort, 'mirage/mirage', dana, NOW, getDb())).rejects.toThrow(
    /not whole repositories/,
  )
  expect(await linkEffortIssues(effort, 'mirage/mirage#3', dana, NOW, getDb())).toEqual({
    linked: ['mirage/mirage#3'],
    notMirrored: [],
  })
  const roadmap = await getPublicRoadmap(target.targetId, getDb(), NOW)
  const shown = roadmap.areas[0]!.efforts[0]!
  expect(shown.links.map((link) => [link.ref, link.linkedBy])).toEqual([
    ['mirage/mirage#1', null],
    ['mirage/mirage#2', null],
    ['mirage/mirage#3', { login: 'dana', isDemo: true }],
  ])
  expect(shown.effort.progress).toEqual({
    closed: 1,
    open: 2,
    total: 3,
    unknown: 0,
    closedOnUnknownDay: 0,
  })
})

test('every linked issue closed makes an effort done', async () => {
  const { target, dana } = await agreedEffort()
  const roadmap = await getPublicRoadmap(target.targetId, getDb(), NOW)
  const effort = roadmap.areas[0]!.efforts[0]!
  await getDb()
    .updateTable('issue')
    .set({ state: 'closed', closed_at: new Date('2016-01-01T00:00:00Z') })
    .execute()
  expect((await factsOf(effort.id)).status).toBe('done')
  await setEffortStatus(effort.id, 'in-progress', dana, NOW, getDb())
  expect((await factsOf(effort.id)).status).toBe('in-progress')
})

test('the agenda lists an effort whose status changed in the period, from what to what', async () => {
  const { effort } = await agreedEffort()
  expect(
    await listEffortStatusChanges(
      { since: new Date('2015-05-01T00:00:00Z'), until: new Date('2015-07-01T00:00:00Z') },
      getDb(),
    ),
  ).toEqual([
    {
      id: effort,
      title: 'Better tests',
      area: 'Quality and testing',
      from: 'planned',
      to: 'in-progress',
      // The linked issues moved it: nobody set it.
      setBy: null,
    },
  ])
  expect(
    await listEffortStatusChanges(
      { since: new Date('2016-01-01T00:00:00Z'), until: new Date('2016-02-01T00:00:00Z') },
      getDb(),
    ),
  ).toEqual([])
})

test('the agenda names the maintainer who set an effort’s status in the period, and whether she is a demo person', async () => {
  const { effort, dana } = await agreedEffort()
  const fortnight = { since: new Date(NOW.getTime() - 14 * 86_400_000), until: NOW }
  await setEffortStatus(effort, 'dropped', dana, new Date(NOW.getTime() - 60_000), getDb())
  expect(await listEffortStatusChanges(fortnight, getDb())).toEqual([
    {
      id: effort,
      title: 'Better tests',
      area: 'Quality and testing',
      from: 'in-progress',
      to: 'dropped',
      setBy: { login: 'dana', isDemo: true },
    },
  ])
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  await setEffortStatus(effort, 'done', hannes, new Date(NOW.getTime() - 30_000), getDb())
  expect((await listEffortStatusChanges(fortnight, getDb()))[0]?.setBy).toEqual({
    login: 'hannesm',
    isDemo: false,
  })
})

test('an override set before a later agreement of the same idea no longer counts', async () => {
  const { effort, dana, target } = await agreedEffort()
  await setEffortStatus(effort, 'dropped', dana, NOW, getDb())
  const later = new Date('2027-01-06T12:00:00Z')
  await recordCallDecision(
    {
      releaseTargetId: target.targetId,
      name: 'Call of 6 January 2027',
      decidedAt: later,
      sourceKey: 'call-2',
      sourceUrl: null,
      rationale: 'Back on.',
      outcomes: [{ ideaId: effort, outcome: 'agreed', disposition: 'roadmap', reason: null }],
    },
    getDb(),
  )
  const facts = await listEffortFacts([{ id: effort, agreedAt: later }], later, getDb())
  expect(facts.get(effort)).toMatchObject({ status: 'in-progress', override: null })
})

test('the recorded changes name a demo person by her demo name and a GitHub person by login', async () => {
  const { effort } = await agreedEffort()
  const dana = { id: await ensureDemoAccount(DEMO_PEOPLE[0], getDb()), login: 'demo-maintainer' }
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  await setEffortStatus(effort, 'dropped', dana, NOW, getDb())
  await setEffortTarget(effort, '2027-03-01', hannes, NOW, getDb())
  await setEffortOwners(effort, ['hannesm', 'demo-maintainer'], hannes, getDb())
  const events = await getDb().selectFrom('effort_event').select('detail').orderBy('id').execute()
  expect(events.map((event) => event.detail)).toEqual([
    'Status set to “Dropped” by Dana (demo maintainer).',
    'Target date set to 2027-03-01 by hannesm.',
    'Owners set to Dana (demo maintainer), hannesm by hannesm.',
  ])
})

test('linking a reference the mirror lacks (a typo) links it, and names it as not in the mirror', async () => {
  const { effort, dana } = await agreedEffort()
  expect(
    await linkEffortIssues(effort, 'Mirage/Mirage#3, mirage/mirage#999999', dana, NOW, getDb()),
  ).toEqual({
    linked: ['Mirage/Mirage#3', 'mirage/mirage#999999'],
    notMirrored: ['mirage/mirage#999999'],
  })
})
