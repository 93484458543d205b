import type { Database } from '../../db/client.server'
import type { ProjectSize, Stars } from '../../db/schema'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE, DEMO_SEED_PEOPLE, type Person } from '../accounts/person'
import { answerClaim } from '../starter/claim-answer.server'
import type { ClaimFeedbackInput } from '../starter/claim-feedback'
import { claimStarterProject, endClaim, submitClaimFeedback } from '../starter/claim.server'
import { gapRequestInputSchema } from '../starter/gap-request-input'
import { answerGapRequest, createGapRequest } from '../starter/gap-request.server'
import { starterProjectInputSchema } from '../starter/project-input'
import { updateStarterProject } from '../starter/project.server'
import { DEFAULT_STARTER_DOMAINS } from '../utils/env.server'

import type { StarterProjectSeed } from './starter-demo.server'

// The demo ships triaged: the seeded demo maintainers (Sam, Kai) rate open Pioneer Projects on
// both axes with a size, and the seeded demo contributors (Lee, Rin) claim, finish and report, and
// send "nothing fits me" requests, so the finder, calibration, supply and gap pages show something
// from the first minute. Every one of these is a demo action by a demo account, made through the
// same functions the pages call (ratings through the tagging form's audited path); pages say so
// wherever they show them. They are the seeded demo people (DEMO_SEED_PEOPLE), whom nobody signs in
// as: a visitor signed in as Dana or Noor did none of it, so no page may call it theirs. None of
// it is MirageOS history: the 2015 list had one mixed star scale (kept as each project's legacy
// note), never two axes.

type DemoPersonId = (typeof DEMO_SEED_PEOPLE)[number]['id']
/** The demo people a visitor signs in as (DEMO_PEOPLE). */
type DemoVisitorId = (typeof DEMO_PEOPLE)[number]['id']

/**
 * A demo maintainer's reading of each project's text and legacy note. OCaml stars follow the
 * rubric (1: reads records and variants; 2: functors and Lwt; 3: GADTs, functoria); domain stars
 * likewise (1: nothing to know beforehand; 3: specialist). Projects left out stay unrated, for the
 * triage queue.
 */
export const DEMO_RATINGS: {
  key: string
  languageStars: Stars
  domainStars: Stars
  size: ProjectSize
  by: DemoPersonId
}[] = [
  // Networking, OCaml 1★: tests and small features on code that already works.
  { key: 'pp-29', languageStars: 1, domainStars: 2, size: 'week', by: 'seed-maintainer' }, // more tcpip tests
  { key: 'pp-35', languageStars: 1, domainStars: 2, size: 'week', by: 'seed-maintainer' }, // telnet: testing, features
  { key: 'pp-13', languageStars: 1, domainStars: 1, size: 'week', by: 'seed-maintainer' }, // IMAP CLI (2015: 1★)
  // Networking, harder.
  { key: 'pp-04', languageStars: 2, domainStars: 3, size: 'month', by: 'seed-maintainer' }, // DHCP client (2015: "5-star")
  { key: 'pp-05', languageStars: 2, domainStars: 3, size: 'month', by: 'seed-maintainer' }, // NTP and clocks
  { key: 'pp-09', languageStars: 2, domainStars: 3, size: 'month', by: 'seed-maintainer' }, // router VM
  { key: 'pp-10', languageStars: 2, domainStars: 2, size: 'month', by: 'seed-maintainer-2' }, // syslog receiver
  { key: 'pp-36', languageStars: 2, domainStars: 3, size: 'month', by: 'seed-maintainer-2' }, // SWIM
  { key: 'pp-47', languageStars: 2, domainStars: 2, size: 'month', by: 'seed-maintainer-2' }, // NAT 1.0
  // Day-sized first steps.
  { key: 'pp-14', languageStars: 1, domainStars: 1, size: 'day', by: 'seed-maintainer' }, // a CLI on TLS or Syndic (2015: 1★)
  { key: 'pp-48', languageStars: 1, domainStars: 1, size: 'day', by: 'seed-maintainer' }, // README scraper
  { key: 'pp-02', languageStars: 1, domainStars: 1, size: 'day', by: 'seed-maintainer-2' }, // one screencast
  // Web and community.
  { key: 'pp-15', languageStars: 1, domainStars: 1, size: 'week', by: 'seed-maintainer' }, // Planet on Syndic (2015: 1★)
  { key: 'pp-37', languageStars: 1, domainStars: 1, size: 'elastic', by: 'seed-maintainer-2' }, // dashboard
  { key: 'pp-07', languageStars: 2, domainStars: 2, size: 'week', by: 'seed-maintainer' }, // cohttp vs bad peers
  { key: 'pp-08', languageStars: 2, domainStars: 2, size: 'month', by: 'seed-maintainer' }, // caching proxy
  // Security: nothing at 1★ on the domain axis.
  { key: 'pp-25', languageStars: 2, domainStars: 2, size: 'month', by: 'seed-maintainer-2' }, // ACME integration
  { key: 'pp-26', languageStars: 2, domainStars: 2, size: 'month', by: 'seed-maintainer-2' }, // SASL
  { key: 'pp-11', languageStars: 2, domainStars: 3, size: 'elastic', by: 'seed-maintainer-2' }, // Qubes firewall
  { key: 'pp-12', languageStars: 3, domainStars: 3, size: 'month', by: 'seed-maintainer' }, // SSH
  // Storage: specialist work only — the demo's dry 1★ domain.
  { key: 'pp-21', languageStars: 3, domainStars: 3, size: 'month', by: 'seed-maintainer' }, // Irmin GC
  { key: 'pp-22', languageStars: 2, domainStars: 3, size: 'month', by: 'seed-maintainer' }, // git sync
  { key: 'pp-23', languageStars: 3, domainStars: 3, size: 'month', by: 'seed-maintainer' }, // git server
  // Testing and tooling.
  { key: 'pp-17', languageStars: 2, domainStars: 2, size: 'elastic', by: 'seed-maintainer' }, // perf regressions
  { key: 'pp-24', languageStars: 2, domainStars: 2, size: 'elastic', by: 'seed-maintainer-2' }, // fuzzing
  { key: 'pp-20', languageStars: 3, domainStars: 2, size: 'month', by: 'seed-maintainer-2' }, // functoria devices
  { key: 'pp-45', languageStars: 2, domainStars: 1, size: 'elastic', by: 'seed-maintainer-2' }, // error handling
]

/**
 * Mentors the seeded maintainer who rates a project names on it: people a visitor can be (Dana,
 * Ari, and Cam, a mentor who is no maintainer), on projects the Pioneer Projects list named no
 * mentor for (naming one there replaces nobody's), so a newcomer's claim on one reaches someone a
 * visitor can sign in as and read it. A demo action of the rater (`mentors_named_by`), shown as
 * such; they did nothing themselves, as being told of a request is not answering it.
 */
export const DEMO_MENTORS: { key: string; mentor: DemoVisitorId }[] = [
  { key: 'pp-14', mentor: 'maintainer' }, // a CLI on TLS or Syndic, a day
  { key: 'pp-48', mentor: 'maintainer' }, // README scraper, a day
  { key: 'pp-13', mentor: 'maintainer-2' }, // IMAP CLI, a week
  // The performance tests, which two demo contributors finished and reported on (drifting):
  // what a mentor who cannot re-rate sees of the reports on her project.
  { key: 'pp-17', mentor: 'contributor' },
]

/** Marks text a demo person wrote, so it reads as a demo action wherever it is shown. */
const demoText = (text: string) => `Demo: ${text}`

const DEMO_FEEDBACK: {
  key: string
  person: DemoPersonId
  outcome: 'done' | 'abandoned'
  report: ClaimFeedbackInput
}[] = [
  // Two reports on the elastic performance project find its OCaml side harder than rated: drift.
  {
    key: 'pp-17',
    person: 'seed-contributor',
    outcome: 'done',
    report: {
      languageStars: 3,
      domainStars: 2,
      timeTaken: 'month',
      note: demoText('the benchmarks had to be written against the functorised stack.'),
    },
  },
  {
    key: 'pp-17',
    person: 'seed-newcomer',
    outcome: 'done',
    report: {
      languageStars: 3,
      domainStars: 2,
      timeTaken: 'week',
      note: demoText('setting up the harness meant learning functors first.'),
    },
  },
  // One who stopped: NAT took more networking than expected.
  {
    key: 'pp-47',
    person: 'seed-contributor',
    outcome: 'abandoned',
    report: {
      languageStars: 2,
      domainStars: 3,
      timeTaken: 'longer',
      note: demoText('stopped: connection tracking needs more networking than I have.'),
    },
  },
]

/**
 * Claims still running in the demo: someone is on it now. `answer`: a demo maintainer's welcome
 * on the claim (a demo action, its text begun "Demo:"), so a visitor sees a claim answered; the
 * real list's mentors said nothing here, and nothing is put in their mouths.
 */
export const DEMO_RUNNING_CLAIMS: {
  key: string
  person: DemoPersonId
  answer?: { by: DemoPersonId; message: string }
}[] = [
  {
    key: 'pp-29',
    person: 'seed-newcomer',
    // Sam answered Rin's request with this project and offered to mentor her: he follows up.
    answer: {
      by: 'seed-maintainer',
      message: demoText(
        'Welcome, Rin! Start by running the mirage-tcpip tests over mirage-vnetif, then pick one of the TCP/IPv6 cases from the summary.',
      ),
    },
  },
]

const DEMO_GAP_REQUESTS: {
  person: DemoPersonId
  form: Record<string, unknown>
  /** Answered by a demo maintainer with a project (seed key) and a word, which tells the requester. */
  answer?: { by: DemoPersonId; key: string; note: string }
}[] = [
  {
    // Answered with the tcpip tests, which Rin then claims: the loop a returning newcomer sees.
    person: 'seed-newcomer',
    form: {
      languageLevel: 'none',
      domains: ['networking'],
      time: 'week',
      wantsMentor: 'on',
      note: demoText('I know TCP from the kernel side; what is small enough for a first week?'),
    },
    answer: {
      by: 'seed-maintainer',
      key: 'pp-29',
      note: demoText('The tcpip tests need TCP, not OCaml: a good first week. I can mentor you.'),
    },
  },
  {
    person: 'seed-newcomer',
    form: {
      languageLevel: 'none',
      domains: ['storage'],
      time: 'week',
      wantsMentor: 'on',
      note: demoText(
        'I know databases but not OCaml: is there a small first step in Irmin or ocaml-git?',
      ),
    },
  },
  {
    person: 'seed-contributor',
    form: {
      languageLevel: 'some',
      domains: ['platform'],
      time: 'month',
      wantsMentor: '',
      note: demoText('I have worked on Xen; nothing in platform is rated yet.'),
    },
  },
]

/**
 * Applies the demo's triage to the projects `created` (source key → id) by this load only, so
 * re-seeding never overrides what maintainers did since. Returns how many projects were rated.
 */
export async function loadDemoTriage(
  db: Database,
  seeds: readonly StarterProjectSeed[],
  created: ReadonlyMap<string, number>,
) {
  // The people a visitor signs in as exist from the start, so the maintainers among them are told
  // of the seeded requests as any maintainer would be; they did none of what follows.
  for (const person of DEMO_PEOPLE) await ensureDemoAccount(person, db)
  const people = new Map<DemoPersonId, Person>()
  for (const person of DEMO_SEED_PEOPLE) {
    people.set(person.id, { id: await ensureDemoAccount(person, db), login: person.login })
  }
  const personOf = (id: DemoPersonId) => people.get(id)!
  const schema = starterProjectInputSchema(DEFAULT_STARTER_DOMAINS)
  const bySeedKey = new Map(seeds.map((seed) => [seed.key, seed]))

  let rated = 0
  for (const rating of DEMO_RATINGS) {
    const id = created.get(rating.key)
    const seed = bySeedKey.get(rating.key)
    if (id === undefined || !seed) continue
    // What the tagging form would send: the project as loaded, with the two ratings and a size,
    // and the mentors the rater names, if any.
    const mentors = DEMO_MENTORS.filter((entry) => entry.key === rating.key).map(
      (entry) => DEMO_PEOPLE.find((person) => person.id === entry.mentor)!.login,
    )
    const input = schema.parse({
      ...seedFormValues(seed),
      languageStars: String(rating.languageStars),
      domainStars: String(rating.domainStars),
      size: rating.size,
      ...(mentors.length > 0 ? { mentors: [...seed.mentors, ...mentors].join('\n') } : {}),
    })
    await updateStarterProject(id, input, personOf(rating.by), db)
    rated++
  }

  for (const entry of DEMO_FEEDBACK) {
    const id = created.get(entry.key)
    if (id === undefined) continue
    const person = personOf(entry.person)
    const claim = await claimStarterProject(id, person, db)
    await endClaim(id, claim.id, person, entry.outcome, db)
    await submitClaimFeedback(id, claim.id, person, entry.report, db)
  }
  for (const entry of DEMO_RUNNING_CLAIMS) {
    const id = created.get(entry.key)
    if (id === undefined) continue
    const claim = await claimStarterProject(id, personOf(entry.person), db)
    if (entry.answer) {
      // Through the page's own path, so Rin is told as any newcomer is (a demo notice).
      await answerClaim(
        id,
        claim.id,
        { ...personOf(entry.answer.by), isMaintainer: true },
        { message: entry.answer.message },
        db,
      )
    }
  }
  if (created.size > 0) {
    const gapSchema = gapRequestInputSchema(DEFAULT_STARTER_DOMAINS)
    for (const request of DEMO_GAP_REQUESTS) {
      const id = await createGapRequest(gapSchema.parse(request.form), personOf(request.person), db)
      const projectId = request.answer && created.get(request.answer.key)
      if (request.answer && projectId !== undefined) {
        await answerGapRequest(
          id,
          { projectId, note: request.answer.note },
          personOf(request.answer.by),
          db,
        )
      }
    }
  }
  return rated
}

/** A seed as the tagging form's fields (the same shape loadDemoStarterProjects validates). */
export function seedFormValues(seed: StarterProjectSeed) {
  return {
    ...seed,
    languageStars: seed.languageStars === null ? 'unrated' : String(seed.languageStars),
    domainStars: seed.domainStars === null ? 'unrated' : String(seed.domainStars),
    size: seed.size ?? '',
    mentors: seed.mentors.join('\n'),
    repos: seed.repos.join('\n'),
    relatedIssues: seed.relatedIssues.join('\n'),
  }
}
