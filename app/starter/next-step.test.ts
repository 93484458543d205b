import { expect, test } from 'vitest'

import {
  canReachMentors,
  describeNextProjectStep,
  mentorsToldOfClaims,
  nextProjectStep,
  nextStepAfterClaim,
  repositoryToTell,
  whereToAsk,
} from './next-step'

const NONE = { hasReadFirst: false, hasMentors: false, toldMentors: [], issue: null }

test('a project with a reading guide and mentors: read it, by the heading she sees now she works on it, and tell the mentors', () => {
  expect(nextStepAfterClaim({ ...NONE, hasReadFirst: true, hasMentors: true })).toBe(
    'Next: read “Reading for this project” below and tell the mentors you have started.',
  )
})

test('mentors with an account here heard of the claim from the board: she is not sent to tell them', () => {
  const mentors = [
    { name: 'demo-maintainer-2', account_id: 4, is_demo: true },
    { name: 'hannesm', account_id: 9, is_demo: false },
    { name: 'Anil Madhavapeddy', account_id: null, is_demo: false },
  ]
  const toldMentors = mentorsToldOfClaims(mentors)
  expect(toldMentors).toEqual(['Ari (second demo maintainer)', '@hannesm'])
  expect(nextStepAfterClaim({ ...NONE, hasMentors: true, toldMentors })).toBe(
    'Next: read the summary below. Ari (second demo maintainer) and @hannesm have been told you have started.',
  )
  // The attached issue ends the sentence: no comma before its full stop.
  expect(
    nextStepAfterClaim({ ...NONE, toldMentors, issue: { repo: 'mirage/mirage', number: 7 } }),
  ).toBe(
    'Next: read the summary below, then the attached issue, mirage/mirage#7. Ari (second demo maintainer) and @hannesm have been told you have started.',
  )
  expect(
    nextStepAfterClaim({ ...NONE, hasMentors: true, toldMentors: toldMentors.slice(0, 1) }),
  ).toBe(
    'Next: read the summary below. Ari (second demo maintainer) has been told you have started.',
  )
})

test('no “Read first”: the attached issue, where one says it has started', () => {
  expect(nextStepAfterClaim({ ...NONE, issue: { repo: 'mirage/mirage', number: 7 } })).toBe(
    'Next: read the summary below, then the attached issue, mirage/mirage#7, and say on the issue that you have started.',
  )
})

test('nothing but a summary: the summary below the notice, and no mention of a missing “Read first”', () => {
  expect(nextStepAfterClaim(NONE)).toBe('Next: read the summary below.')
})

test('mentors named in text only, with no contact: nobody is told to tell them', () => {
  const project = {
    hasMentorContact: false,
    mentors: [{ name: 'Hannes Mehnert', account_id: null }],
  }
  expect(canReachMentors(project)).toBe(false)
  expect(nextStepAfterClaim({ ...NONE, hasMentors: canReachMentors(project) })).toBe(
    'Next: read the summary below.',
  )
  // A contact, a board account or a GitHub login is a way to reach them.
  expect(canReachMentors({ ...project, hasMentorContact: true })).toBe(true)
  expect(canReachMentors({ ...project, mentors: [{ name: 'hannes', account_id: 3 }] })).toBe(true)
  expect(canReachMentors({ ...project, mentors: [{ name: '@hannesm', account_id: null }] })).toBe(
    true,
  )
  expect(canReachMentors({ hasMentorContact: true, mentors: [] })).toBe(false)
})

test('nobody to tell on the board nor an issue: she says on its repository that she has started', () => {
  const project = {
    hasMentorContact: false,
    mentors: [{ name: 'Hannes Mehnert', account_id: null }],
    issue: null,
    repos: ['hannesm/telnet'],
  }
  const repository = repositoryToTell(whereToAsk(project))
  expect(repository).toBe('hannesm/telnet')
  expect(nextStepAfterClaim({ ...NONE, repository })).toBe(
    'Next: read the summary below, then say in an issue on hannesm/telnet that you have started.',
  )
  // Nearer ways win: a mentor to reach, or the attached issue, is where she says it.
  expect(
    repositoryToTell(whereToAsk({ ...project, mentors: [{ name: '@hannesm', account_id: null }] })),
  ).toBeNull()
  expect(
    repositoryToTell(whereToAsk({ ...project, issue: { repo: 'mirage/mirage', number: 7 } })),
  ).toBeNull()
  expect(repositoryToTell(whereToAsk({ ...project, repos: [] }))).toBeNull()
})

test('where to ask: reachable mentors, else the attached issue, else a repository, else nowhere', () => {
  const none = { hasMentorContact: false, mentors: [], issue: null, repos: [] }
  const issue = { repo: 'mirage/mirage', number: 7 }
  expect(whereToAsk({ ...none, mentors: [{ name: '@hannesm', account_id: null }] })).toEqual({
    kind: 'mentors',
  })
  // A name alone reaches nobody: the issue is where to ask.
  expect(whereToAsk({ ...none, mentors: [{ name: 'Hannes', account_id: null }], issue })).toEqual({
    kind: 'issue',
    ...issue,
  })
  expect(whereToAsk({ ...none, repos: ['not a repo', 'mirage/ocaml-dns'] })).toEqual({
    kind: 'repository',
    repo: 'mirage/ocaml-dns',
  })
  expect(whereToAsk({ ...none, repos: ['not a repo'] })).toEqual({ kind: 'none' })
})

const BOARD_DOMAINS = ['networking', 'security', 'storage', 'web', 'tooling']

test('after finishing, the next project is one OCaml step up, in the finished project’s domains', () => {
  const step = nextProjectStep({
    outcome: 'done',
    languageStars: 1,
    metLanguageStars: 1,
    projectDomains: ['tooling', 'security', 'web'],
    boardDomains: BOARD_DOMAINS,
  })
  expect(step).toEqual({
    href: '/starter?level=some&know=security&know=web&know=tooling&stepUp=1',
    level: 'some',
    maxLanguageStars: 2,
    isStepUp: true,
    knownDomains: ['security', 'web', 'tooling'],
  })
  expect(describeNextProjectStep(step!, 'OCaml')).toBe(
    'the finder opens set to OCaml up to 2★ and security, web and tooling as domains you know.',
  )
})

test('what she met counts when it was more than the rating; 3★ is the top; a stopped claim gets no step', () => {
  const base = { projectDomains: ['storage'], boardDomains: BOARD_DOMAINS } as const
  // Rated 1★, she met 3★ and still finished it: she coped with 3★.
  expect(
    nextProjectStep({ ...base, outcome: 'done', languageStars: 1, metLanguageStars: 3 }),
  ).toMatchObject({ level: 'comfortable', maxLanguageStars: 3, isStepUp: true })
  // Unrated: one step above what she met.
  expect(
    nextProjectStep({ ...base, outcome: 'done', languageStars: null, metLanguageStars: 1 }),
  ).toMatchObject({ level: 'some', isStepUp: true })
  // Already the hardest: the same level, not called a step up.
  expect(
    nextProjectStep({ ...base, outcome: 'done', languageStars: 3, metLanguageStars: 2 }),
  ).toMatchObject({
    level: 'comfortable',
    isStepUp: false,
    href: '/starter?level=comfortable&know=storage',
  })
  // A domain the board no longer offers is left out rather than make the address refuse.
  expect(
    nextProjectStep({
      ...base,
      projectDomains: ['storage', 'retired'],
      outcome: 'done',
      languageStars: 2,
      metLanguageStars: 2,
    })?.knownDomains,
  ).toEqual(['storage'])
  for (const outcome of ['abandoned', 'released'] as const) {
    expect(nextProjectStep({ ...base, outcome, languageStars: 1, metLanguageStars: 1 })).toBeNull()
  }
})

test('a demo claim: what one would say on a real board is said as that, and she is asked to post nothing', () => {
  const demo = { ...NONE, isDemoClaim: true }
  expect(nextStepAfterClaim({ ...demo, repository: 'hannesm/telnet' })).toBe(
    'Next: read the summary below. On a real board you would then say in an issue on hannesm/telnet that you have started; this is a demo claim, unknown outside this demo, so post nothing about it.',
  )
  expect(nextStepAfterClaim({ ...demo, issue: { repo: 'mirage/mirage', number: 7 } })).toBe(
    'Next: read the summary below, then the attached issue, mirage/mirage#7. On a real board you would then say on the issue that you have started; this is a demo claim, unknown outside this demo, so post nothing about it.',
  )
  expect(nextStepAfterClaim({ ...demo, hasReadFirst: true, hasMentors: true })).toBe(
    'Next: read “Reading for this project” below. On a real board you would then tell the mentors you have started; this is a demo claim, unknown outside this demo, so post nothing about it.',
  )
  // Nothing to tell anyone, or mentors the board told itself: nothing more to say.
  expect(nextStepAfterClaim(demo)).toBe('Next: read the summary below.')
  expect(nextStepAfterClaim({ ...demo, toldMentors: ['Ari (second demo maintainer)'] })).toBe(
    'Next: read the summary below. Ari (second demo maintainer) has been told you have started.',
  )
})
