import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createGitHubAccount, createProject } from '../../test/starter-factories'
import { answerClaim, replyToClaim } from '../starter/claim-answer.server'
import { claimStarterProject } from '../starter/claim.server'

import { listNotifications } from './inbox.server'

// Coming back after a week to the notices of a claim: what was answered since, and what one has
// read already by replying to it.

const getDb = setupTestDatabase()

/** Nia claims "TCP tests", which Mo and Lu mentor. */
async function claimWithTwoMentors() {
  const db = getDb()
  const mo = await createGitHubAccount(db, 'mo')
  const lu = await createGitHubAccount(db, 'lu')
  const nia = await createGitHubAccount(db, 'nia')
  const projectId = await createProject(db, { title: 'TCP tests', mentors: ['@mo', '@lu'] })
  const claim = await claimStarterProject(projectId, nia, db)
  return { db, mo, lu, nia, projectId, claim }
}

async function inboxOf(accountId: number) {
  return (await listNotifications(accountId, null, getDb())).items
}

test('a claim another mentor answered says so in the inbox: by whom, when, and where the answer is', async () => {
  const { db, mo, lu, projectId, claim } = await claimWithTwoMentors()
  const [before] = await inboxOf(mo.id)
  expect(before).toMatchObject({ kind: 'project_claimed', read_at: null, answer: null })

  await answerClaim(projectId, claim.id, { ...lu, isMaintainer: false }, { message: 'Hi!' }, db)

  const [told] = await inboxOf(mo.id)
  // Still unread for Mo (news to him), but no longer seeming to wait for his answer.
  expect(told).toMatchObject({ kind: 'project_claimed', read_at: null })
  expect(told!.answer).toEqual({
    answeredAt: expect.any(Date),
    byName: expect.stringContaining('lu'),
    byYou: false,
    isDemo: false,
    link: `/starter/${projectId}#claims-heading`,
  })
  // The one who answered reads it as hers.
  const [own] = await inboxOf(lu.id)
  expect(own).toMatchObject({ kind: 'project_claimed', answer: { byYou: true } })
})

test('replying to the answer to her claim reads her notice of that answer; the next answer is news', async () => {
  const { db, mo, nia, projectId, claim } = await claimWithTwoMentors()
  await answerClaim(projectId, claim.id, { ...mo, isMaintainer: false }, { message: 'Hi!' }, db)
  const [answered] = await inboxOf(nia.id)
  expect(answered).toMatchObject({ kind: 'claim_answered', read_at: null })

  await replyToClaim(projectId, claim.id, nia, { message: 'Thanks! Where are the tests?' }, db)
  expect((await inboxOf(nia.id)).filter((item) => item.read_at === null)).toEqual([])

  await answerClaim(
    projectId,
    claim.id,
    { ...mo, isMaintainer: false },
    { message: 'In lib_test/.' },
    db,
  )
  const unread = (await inboxOf(nia.id)).filter((item) => item.read_at === null)
  expect(unread).toEqual([expect.objectContaining({ kind: 'claim_answered' })])
  expect(unread[0]!.title).toContain('In lib_test/.')
})

test('"X is working on …" leads to the project’s claims, where the answer form is', async () => {
  const { mo } = await claimWithTwoMentors()
  const [notice] = await inboxOf(mo.id)
  expect(notice).toMatchObject({ kind: 'project_claimed' })
  expect(notice!.link).toMatch(/^\/starter\/\d+#claims-heading$/)
})
