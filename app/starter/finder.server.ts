import { sql, type Expression, type SqlBool } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'

import { getDb, type Database } from '../../db/client.server'
import type { ProjectSize, ProjectStatus, Stars } from '../../db/schema'
import { isDemoAccount } from '../accounts/account.server'
import { compileSearch, searchCondition, type CompiledSearch } from '../mirror/search.server'

import { firstAnswerOf } from './claim-answer.server'
import type { FinishedTime } from './claim-feedback'
import {
  DEFAULT_FILTERS,
  FINDER_SIZES,
  FIT_KEY,
  finderStateKey,
  LEVEL_MAX_LANGUAGE_STARS,
  KNOWN_DOMAIN_MAX_STARS,
  OTHER_DOMAIN_MAX_STARS,
  sizeFit,
  SMALL_KEY_BASES,
  type FinderBackground,
  type FinderCursor,
  type FinderFilters,
  type FinderState,
  type RankKeys,
  MAX_SAVED_QUERY_LENGTH,
} from './finder'
import { CAN_REACH_MENTORS } from './mentor-reach.server'
import { canReachMentors } from './next-step'
import { finishedTimeReported, perceivedRatings, type Perceived } from './project.server'
import { isRunningClaim } from './running-claim.server'

// The newcomer finder on the database: the rule of app/starter/finder.ts (eligibility and rank
// keys) written as SQL, one query per tier (fits you or not, claimed or not, then domain match),
// paged by keyset
// over the computed rank keys. A test runs both
// on random projects and checks they agree. Also: the JSON API's item, the Atom feed's query and
// a signed-in person's saved finder.

// The seven small rank keys (finder.ts rankKeys), each a digit of one number the query sorts by:
// cheaper to compute, compare and page over than seven columns. "newest" and "id" are the row's
// own created_at and id, ordered descending.
const KEY_BASES = SMALL_KEY_BASES

/** The seven small keys as one number, most significant first. */
export function packRankKeys(keys: readonly number[]) {
  return KEY_BASES.reduce((packed, base, index) => packed * base + keys[index]!, 0)
}

export function unpackRankKeys(packed: number) {
  const keys: number[] = []
  for (let index = KEY_BASES.length - 1; index >= 0; index--) {
    keys.unshift(packed % KEY_BASES[index]!)
    packed = Math.floor(packed / KEY_BASES[index]!)
  }
  return keys
}

/** A known-domain list as SQL values and as a text[] (finder.ts domainMatch). */
function knownDomainsSql(known: readonly string[]) {
  const list = sql.join(known.map((domain) => sql.val(domain)))
  return { list, array: sql`array[${list}]::text[]` }
}

/**
 * The projects of one domain-match tier (finder.ts domainMatch): 0, a known domain is the primary
 * one; 1, a secondary one; 2, neither. With "fits you" and "claimed" it makes the most significant
 * rank keys, so the finder reads tier by tier and stops as soon as a page is full; tier 0 is served by the
 * (status, primary_domain, …) index and tier 1 by the GIN index on secondary_domains.
 */
function domainTierSql(known: readonly string[], tier: DomainTier) {
  const { list, array } = knownDomainsSql(known)
  if (tier === 0) return sql<SqlBool>`p.primary_domain in (${list})`
  if (tier === 1) {
    return sql<SqlBool>`(p.primary_domain not in (${list}) and p.secondary_domains && ${array})`
  }
  return sql<SqlBool>`(p.primary_domain not in (${list}) and not (p.secondary_domains && ${array}))`
}

type DomainTier = 0 | 1 | 2
type FitTier = (typeof FIT_KEY)[keyof typeof FIT_KEY]
/**
 * The three most significant rank keys: fits you (FIT_KEY: a step up, easier, or not at all),
 * taken (1: claimed, one person at a time) or not (0), and the domain tier.
 */
type Tier = { fit: FitTier; taken: 0 | 1; domain: DomainTier }

/** A tier's place in the order: its three keys as one number. */
function tierIndex({ fit, taken, domain }: { fit: number; taken: number; domain: number }) {
  return (fit * 2 + taken) * 3 + domain
}

/**
 * The tiers a background has, best first. With no known domain every project is in domain tier
 * 2 (and may fit you); with some, only projects in a domain you know can fit you. "Nobody working
 * on it yet" leaves out the claimed tiers, which it would empty anyway. Only a step up has the
 * "fits, but easier" tiers.
 */
function tiers(known: readonly string[], { unclaimedOnly, stepUpFrom }: FinderFilters): Tier[] {
  const fitting: FitTier[] =
    stepUpFrom === null ? [FIT_KEY.fits] : [FIT_KEY.fits, FIT_KEY.fitsEasier]
  const fitDomains: [FitTier, DomainTier][] =
    known.length === 0
      ? [...fitting.map((fit): [FitTier, DomainTier] => [fit, 2]), [FIT_KEY.rest, 2]]
      : [
          ...fitting.flatMap((fit): [FitTier, DomainTier][] => [
            [fit, 0],
            [fit, 1],
          ]),
          [FIT_KEY.rest, 0],
          [FIT_KEY.rest, 1],
          [FIT_KEY.rest, 2],
        ]
  const takens: (0 | 1)[] = unclaimedOnly ? [0] : [0, 1]
  return fitDomains
    .flatMap(([fit, domain]) => takens.map((taken) => ({ fit, taken, domain })))
    .sort((a, b) => tierIndex(a) - tierIndex(b))
}

/** Statuses as SQL literals, so that the usual `status = 'open'` can use the partial index. */
const STATUS_LITERALS: Record<ProjectStatus, ReturnType<typeof sql.lit>> = {
  open: sql.lit('open'),
  done: sql.lit('done'),
  inactive: sql.lit('inactive'),
}

/** What a project's words are searched in when the index cannot help (finder.ts, search.ts). */
const PROJECT_TEXT = sql`(p.title || ' ' || p.summary || ' ' || starter_project_repo_words(p.repos))`

/**
 * The SQL twin of finder.ts isEligible's level and filter tests (the caller applies status,
 * search and repository), over `table`'s columns; shared by the finder and the feed, so the level
 * rule is written once. `tier`: the domain tier every row is in (the finder reads tier by tier),
 * or null when rows may be in any. No background: no level limit (the feed's, for nobody).
 */
function eligibleSql(
  background: FinderBackground | null,
  filters: FinderFilters,
  tier: DomainTier | null,
  { table, isClaimed, canReachMentors }: EligibleColumns,
): Expression<SqlBool>[] {
  const column = (name: string) => sql.ref(`${table}.${name}`)
  const languageStars = column('language_stars')
  const domainStars = column('domain_stars')
  const conditions: Expression<SqlBool>[] = []
  if (background && !filters.showAboveLevel) {
    const languageMax = LEVEL_MAX_LANGUAGE_STARS[background.level]
    conditions.push(sql<SqlBool>`(${languageStars} is null or ${languageStars} <= ${languageMax})`)
    // In a domain you know any domain difficulty is within your level.
    const known = background.knownDomains
    if (tier === 2 || (tier === null && known.length === 0)) {
      conditions.push(
        sql<SqlBool>`(${domainStars} is null or ${domainStars} <= ${OTHER_DOMAIN_MAX_STARS})`,
      )
    } else if (tier === null) {
      const { list, array } = knownDomainsSql(known)
      conditions.push(
        sql<SqlBool>`(${domainStars} is null or ${domainStars} <= ${OTHER_DOMAIN_MAX_STARS} or ${column('primary_domain')} in (${list}) or ${column('secondary_domains')} && ${array})`,
      )
    }
  }
  if (filters.maxLanguageStars !== null) {
    conditions.push(
      sql<SqlBool>`(${languageStars} is null or ${languageStars} <= ${filters.maxLanguageStars})`,
    )
  }
  if (filters.maxDomainStars !== null) {
    conditions.push(
      sql<SqlBool>`(${domainStars} is null or ${domainStars} <= ${filters.maxDomainStars})`,
    )
  }
  if (filters.domain !== null) {
    // `@>` rather than `= any(...)`: the same test, and the GIN index can serve it.
    conditions.push(
      sql<SqlBool>`(${column('primary_domain')} = ${filters.domain} or ${column('secondary_domains')} @> array[${filters.domain}]::text[])`,
    )
  }
  if (filters.size !== null) conditions.push(sql<SqlBool>`${column('size')} = ${filters.size}`)
  if (filters.hasMentor) conditions.push(sql<SqlBool>`${canReachMentors}`)
  if (filters.unclaimedOnly) {
    conditions.push(sql<SqlBool>`(${column('size')} = 'elastic' or not ${isClaimed})`)
  }
  if (filters.unratedOnly) {
    conditions.push(sql<SqlBool>`(${languageStars} is null or ${domainStars} is null)`)
  }
  return conditions
}

type EligibleColumns = {
  /** The alias whose columns are a project's. */
  table: string
  /** Whether a claim runs on the project, and whether it has a mentor one can reach. */
  isClaimed: Expression<boolean>
  canReachMentors: Expression<boolean>
}

/** Running claims and mentors, as `x in (subquery)`: PostgreSQL hashes the few ids once. */
const IS_CLAIMED = sql<boolean>`p.id in (select project_id from starter_claim where ${isRunningClaim()})`

/**
 * Open projects of one domain-match tier with their packed rank key, and only those the state
 * allows: the SQL twin of isEligible + rankKeys. `x in (subquery)` lets PostgreSQL hash the few
 * claimed and mentored project ids once rather than probe per project.
 */
function rankedProjects(
  state: FinderState,
  { fit, taken: takenTier, domain: tier }: Tier,
  search: CompiledSearch | null,
  db: Database,
) {
  const { background, filters } = state
  const known = background.knownDomains
  const fittingSizes = FINDER_SIZES.filter((size) => sizeFit(size, background.time) === 0)
  const languageMax = LEVEL_MAX_LANGUAGE_STARS[background.level]
  const needsMentors = background.wantsMentor || filters.hasMentor

  const base = db
    .selectFrom('starter_project as p')
    .select([
      'p.id',
      'p.language_stars',
      'p.domain_stars',
      'p.size',
      'p.primary_domain',
      'p.secondary_domains',
      'p.created_at',
      IS_CLAIMED.as('is_claimed'),
      (needsMentors ? CAN_REACH_MENTORS : sql<boolean>`false`).as('can_reach_mentors'),
    ])
    // A literal, not a parameter, so that even a generic plan can use the partial index.
    .$if(filters.status !== 'all', (qb) =>
      qb.where(sql<SqlBool>`p.status = ${STATUS_LITERALS[filters.status as ProjectStatus]}`),
    )
    .$if(known.length > 0, (qb) => qb.where(domainTierSql(known, tier)))
    // The claimed tier holds only the few projects with a running claim: said here, before the
    // fence, PostgreSQL starts from those claims rather than rank the whole tier to keep none.
    .$if(takenTier === 1, (qb) =>
      qb.where(IS_CLAIMED).where(sql<SqlBool>`p.size is distinct from 'elastic'`),
    )
    .where((eb) => eb.and(searchAndRepo(search, filters.repo)))

  // The size test first: an elastic project is never taken, whatever its claims.
  const taken = sql<number>`(case when b.size is distinct from 'elastic' and b.is_claimed then 1 else 0 end)`
  const mentor = background.wantsMentor
    ? sql<number>`(case when b.can_reach_mentors then 0 else 1 end)`
    : sql<number>`0`
  const size =
    fittingSizes.length === 0
      ? sql<number>`(case when b.size is null then 1 else 2 end)`
      : sql<number>`(case when b.size is null then 1 when b.size in (${sql.join(fittingSizes)}) then 0 else 2 end)`
  const unrated = sql<number>`((case when b.language_stars is null then 1 else 0 end) + (case when b.domain_stars is null then 1 else 0 end))`
  const difficulty = sql<number>`(coalesce(b.language_stars, 0) + coalesce(b.domain_stars, 0))`
  // finder.ts fitsYou; the domain part is the tier's (only tiers 0 and 1, or 2 with no known
  // domain, can fit).
  const domainMax = tier === 2 ? OTHER_DOMAIN_MAX_STARS : KNOWN_DOMAIN_MAX_STARS
  const fits =
    known.length > 0 && tier === 2
      ? sql<SqlBool>`false`
      : sql<SqlBool>`coalesce(b.language_stars <= ${languageMax} and b.domain_stars <= ${domainMax} and b.size in (${sql.join(fittingSizes)}), false)`
  // finder.ts isStepUp: of those that fit (rated, so the stars are set), above the step's stars.
  const { stepUpFrom } = filters
  const fitTest =
    fit === FIT_KEY.rest
      ? sql<SqlBool>`not ${fits}`
      : stepUpFrom === null
        ? fits
        : fit === FIT_KEY.fits
          ? sql<SqlBool>`(${fits} and b.language_stars > ${stepUpFrom})`
          : sql<SqlBool>`(${fits} and b.language_stars <= ${stepUpFrom})`

  return (
    db
      .selectFrom(base.as('b'))
      .select([
        'b.id',
        'b.created_at',
        sql<number>`((((${sql.lit(tierIndex({ fit, taken: takenTier, domain: tier }))} * 2 + ${mentor}) * 3 + ${size}) * 3 + ${unrated}) * 7 + ${difficulty})`.as(
          'k_packed',
        ),
      ])
      .where((eb) =>
        eb.and([
          fitTest,
          sql<SqlBool>`${taken} = ${sql.lit(takenTier)}`,
          ...eligibleSql(background, filters, tier, {
            table: 'b',
            isClaimed: sql.ref('b.is_claimed'),
            canReachMentors: sql.ref('b.can_reach_mentors'),
          }),
        ]),
      )
      // A fence: each row's key is computed once, not again in the sort and the cursor test.
      .offset(0)
  )
}

/** Rows after the cursor's: a later packed key, or the same one and older (or same instant, lower id). */
function afterCursor(keys: RankKeys) {
  const packed = packRankKeys(keys)
  const [newest, id] = keys.slice(KEY_BASES.length) as [number, number]
  // The keys hold -microseconds and -id; integer arithmetic keeps the instant exact.
  const createdAt = sql`(timestamptz 'epoch' + ${-newest}::int8 * interval '1 microsecond')`
  return sql<SqlBool>`(r.k_packed > ${packed} or (r.k_packed = ${packed} and (r.created_at, r.id) < (${createdAt}, ${-id}::int)))`
}

export type FinderItem = {
  id: number
  title: string
  primaryDomain: string
  secondaryDomains: string[]
  languageStars: Stars | null
  domainStars: Stars | null
  size: ProjectSize | null
  status: ProjectStatus
  repos: string[]
  createdAt: Date
  claimCount: number
  /** A mentor one can reach is listed (next-step.ts `canReachMentors`): not names alone. */
  canReachMentors: boolean
  /** `login`: the board account a mentor is (GitHub logins are the board's). */
  /** `isDemo`: a demo person's account, which is nobody on GitHub. */
  mentors: { name: string; accountId: number | null; login: string | null; isDemo: boolean }[]
  /** The GitHub issue the project is attached to, with its activity in the mirror. */
  issue: IssueActivity | null
  /** The ratings were set by a demo person (a demo action, docs/decisions/012). */
  isDemoRating: boolean
  /**
   * Running claims, oldest first; `isDemo`: a demo person's claim (a demo action); `firstAnswer`:
   * when a mentor or maintainer first answered it (and whether a demo person did), or null.
   */
  claims: {
    login: string
    claimedAt: string
    isDemo: boolean
    firstAnswer: { at: string; isDemo: boolean } | null
  }[]
  perceived: Perceived
  /** How long those who finished it took, as they reported it (nobody yet: `typical` null). */
  finishedTime: FinishedTime
  keys: RankKeys
}

export type IssueActivity = {
  repo: string
  number: number
  state: string
  url: string
  updatedAt: string
  /** False for the demo's issues: its source records no activity, so `updatedAt` is a lower bound. */
  historyRecorded: boolean
  /** Null where the source does not record comments (the demo). */
  comments: number | null
  assignees: string[]
  /** Open pull requests that say they close the issue: someone may be at work on it already. */
  openPullRequests: { number: number; url: string }[]
}

export type FinderPage = { items: FinderItem[]; nextCursor: FinderCursor | null }

/**
 * Up to `limit` projects of one domain tier, in the finder's order, after `cursor` when it is in
 * this tier, with the details the page shows.
 */
async function findTierPage(
  state: FinderState,
  tier: Tier,
  search: CompiledSearch | null,
  cursor: RankKeys | null,
  limit: number,
  db: Database,
) {
  const page = db
    .selectFrom(rankedProjects(state, tier, search, db).as('r'))
    .selectAll('r')
    .$if(cursor !== null, (qb) => qb.where(afterCursor(cursor!)))
    .orderBy('r.k_packed')
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)

  // The page's own details, fetched for its few rows only.
  return db
    .selectFrom(page.as('pg'))
    .innerJoin('starter_project as p', 'p.id', 'pg.id')
    .select((eb) => [
      'pg.k_packed',
      'p.id',
      'p.title',
      'p.primary_domain',
      'p.secondary_domains',
      'p.language_stars',
      'p.domain_stars',
      'p.size',
      'p.status',
      'p.repos',
      'p.created_at',
      sql<number>`(extract(epoch from p.created_at) * 1000000)::int8`.as('created_us'),
      // Rated by a demo person: a demo action, and every place showing the stars says so.
      isDemoAccount(eb.ref('p.rated_by')).as('rated_by_demo'),
      sql<boolean>`p.mentor_contact is not null`.as('has_mentor_contact'),
      jsonArrayFrom(
        eb
          .selectFrom('starter_project_mentor as m')
          .leftJoin('account as ma', 'ma.id', 'm.account_id')
          .select([
            'm.name',
            'm.account_id',
            'ma.login',
            sql<boolean>`coalesce(ma.demo_role is not null, false)`.as('is_demo'),
          ])
          .whereRef('m.project_id', '=', 'p.id')
          .orderBy('m.position'),
      ).as('mentors'),
      // The attached issue's activity, as far as the mirror knows it.
      jsonObjectFrom(
        eb
          .selectFrom('issue as i')
          .innerJoin('repository as ir', 'ir.id', 'i.repository_id')
          .select((ib) => [
            'ir.full_name as repo',
            'ir.history_recorded',
            'i.number',
            'i.state',
            'i.html_url',
            'i.updated_at',
            'i.comment_count',
            'i.assignee_logins',
            // Open pull requests of the same repository that say they close it ("Fixes #12").
            jsonArrayFrom(
              ib
                .selectFrom('issue as pr')
                .select(['pr.number', 'pr.html_url'])
                .whereRef('pr.repository_id', '=', 'i.repository_id')
                .where('pr.is_pull_request', '=', true)
                .where('pr.state', '=', 'open')
                .where(sql<boolean>`pr.closes_numbers @> array[i.number]`)
                .orderBy('pr.number'),
            ).as('open_pulls'),
          ])
          .whereRef('i.id', '=', 'p.issue_id'),
      ).as('issue'),
      jsonArrayFrom(
        eb
          .selectFrom('starter_claim as c')
          .innerJoin('account as a', 'a.id', 'c.account_id')
          .select((inner) => [
            'a.login',
            'c.claimed_at',
            sql<boolean>`a.demo_role is not null`.as('is_demo'),
            firstAnswerOf(inner.ref('c.id')).as('first_answer'),
          ])
          .whereRef('c.project_id', '=', 'p.id')
          .where(isRunningClaim('c'))
          .orderBy('c.claimed_at')
          .orderBy('c.id'),
      ).as('claims'),
      perceivedRatings(sql.ref('p.id')).as('perceived'),
      finishedTimeReported(sql.ref('p.id')).as('finished_time'),
    ])
    .orderBy('pg.k_packed')
    .orderBy('pg.created_at', 'desc')
    .orderBy('pg.id', 'desc')
    .execute()
}

/** One page of the finder's results for a parsed state. */
export async function findStarterProjects(
  state: FinderState,
  db: Database = getDb(),
): Promise<FinderPage> {
  // Tier by tier (the first three rank keys), from the cursor's tier on: ranking only the tiers a page
  // reaches, rather than every open project, is what keeps the query fast. One more row than
  // asked, to know whether there is a next page.
  const wanted = state.limit + 1
  const search = await compileSearch(state.filters.q, db)
  const keys = state.cursor?.keys
  const cursorTier = keys ? tierIndex({ fit: keys[0], taken: keys[1], domain: keys[2] }) : 0
  const rows: Awaited<ReturnType<typeof findTierPage>> = []
  for (const tier of tiers(state.background.knownDomains, state.filters)) {
    if (tierIndex(tier) < cursorTier) continue
    const cursor = tierIndex(tier) === cursorTier ? (keys ?? null) : null
    rows.push(...(await findTierPage(state, tier, search, cursor, wanted - rows.length, db)))
    if (rows.length >= wanted) break
  }

  const hasMore = rows.length > state.limit
  const items: FinderItem[] = rows.slice(0, state.limit).map((row) => ({
    id: row.id,
    title: row.title,
    primaryDomain: row.primary_domain,
    secondaryDomains: row.secondary_domains,
    languageStars: row.language_stars,
    domainStars: row.domain_stars,
    size: row.size,
    status: row.status,
    repos: row.repos,
    createdAt: row.created_at,
    claimCount: row.claims.length,
    canReachMentors: canReachMentors({
      hasMentorContact: row.has_mentor_contact,
      mentors: row.mentors,
    }),
    mentors: row.mentors.map((mentor) => ({
      name: mentor.name,
      accountId: mentor.account_id,
      login: mentor.login,
      isDemo: mentor.is_demo,
    })),
    issue: row.issue
      ? {
          repo: row.issue.repo,
          number: row.issue.number,
          state: row.issue.state,
          url: row.issue.html_url,
          updatedAt: new Date(row.issue.updated_at).toISOString(),
          historyRecorded: row.issue.history_recorded,
          comments: row.issue.history_recorded ? row.issue.comment_count : null,
          assignees: row.issue.assignee_logins,
          openPullRequests: row.issue.open_pulls.map((pull) => ({
            number: pull.number,
            url: pull.html_url,
          })),
        }
      : null,
    isDemoRating: Boolean(row.rated_by_demo),
    claims: row.claims.map((claim) => ({
      login: claim.login,
      claimedAt: new Date(claim.claimed_at).toISOString(),
      isDemo: claim.is_demo,
      firstAnswer: claim.first_answer && {
        at: new Date(claim.first_answer.at).toISOString(),
        isDemo: claim.first_answer.is_demo,
      },
    })),
    perceived: row.perceived,
    finishedTime: row.finished_time,
    keys: [...unpackRankKeys(Number(row.k_packed)), -Number(row.created_us), -row.id] as RankKeys,
  }))
  const last = items.at(-1)
  return {
    items,
    nextCursor: hasMore && last ? { stateKey: finderStateKey(state), keys: last.keys } : null,
  }
}

/**
 * How many projects the finder lists that nobody has rated yet (on either axis) in a domain the
 * background knows (any domain when it names none): when nothing rated fits, these are the
 * nearest, and the page says how many. They never fit (fitting needs both ratings), so they are
 * in the "does not fit" tiers of a domain you know, within the filters as given.
 */
export async function countUnratedInYourDomains(state: FinderState, db: Database = getDb()) {
  const unrated: FinderState = {
    ...state,
    filters: { ...state.filters, unratedOnly: true },
    cursor: null,
  }
  const search = await compileSearch(state.filters.q, db)
  const yours = tiers(state.background.knownDomains, state.filters).filter(
    (tier) =>
      tier.fit === FIT_KEY.rest && (state.background.knownDomains.length === 0 || tier.domain < 2),
  )
  let count = 0
  for (const tier of yours) {
    const row = await db
      .selectFrom(rankedProjects(unrated, tier, search, db).as('r'))
      .select(sql<number>`count(*)::int`.as('count'))
      .executeTakeFirstOrThrow()
    count += row.count
  }
  return count
}

/**
 * The finder's search words and repository as conditions on `p` (none: always true), one wording
 * for its page, its feed and its count of projects above the level.
 */
function searchAndRepo(search: CompiledSearch | null, repo: string | null) {
  const conditions: Expression<SqlBool>[] = []
  if (search !== null) conditions.push(searchCondition(search, sql.ref('p.search'), PROJECT_TEXT))
  if (repo !== null) {
    conditions.push(
      sql<SqlBool>`exists (select from unnest(p.repos) as r(name) where lower(r.name) = ${repo.toLowerCase()})`,
    )
  }
  return conditions
}

/**
 * How many projects the finder leaves out only because they are above the background's level
 * (the filters, search and repository as given): the home page counts every open project, so a
 * newcomer shown 16 of "34 open" could not tell where the rest went. None once "Show projects
 * above my level" is ticked. One count: the level rule (`eligibleSql` with no filter) negated.
 */
export async function countAboveYourLevel(state: FinderState, db: Database = getDb()) {
  const { background, filters } = state
  if (filters.showAboveLevel) return 0
  const columns = { table: 'p', isClaimed: IS_CLAIMED, canReachMentors: CAN_REACH_MENTORS }
  const level = eligibleSql(background, DEFAULT_FILTERS, null, columns)
  if (level.length === 0) return 0
  const others = eligibleSql(null, filters, null, columns)
  const search = await compileSearch(filters.q, db)
  const { status, repo } = filters
  const row = await db
    .selectFrom('starter_project as p')
    .select(sql<number>`count(*)::int`.as('count'))
    .$if(status !== 'all', (qb) => qb.where('p.status', '=', status as ProjectStatus))
    .where((eb) => eb.and(searchAndRepo(search, repo)))
    .$if(others.length > 0, (qb) => qb.where((eb) => eb.and(others)))
    .where((eb) => eb.not(eb.and(level)))
    .executeTakeFirstOrThrow()
  return row.count
}

/** open / claimed as people see it ("claimed" while a claim runs; elastic ones too), or done / inactive. */
export function finderItemStatus(item: Pick<FinderItem, 'claimCount' | 'status'>) {
  if (item.status !== 'open') return item.status
  return item.claimCount > 0 ? 'claimed' : 'open'
}

/** One item of `GET /api/starter-projects`, exactly as documented. */
export function toApiItem(item: FinderItem, origin: string) {
  return {
    id: item.id,
    title: item.title,
    url: `${origin}/starter/${item.id}`,
    domain: item.primaryDomain,
    secondaryDomains: item.secondaryDomains,
    languageStars: item.languageStars,
    domainStars: item.domainStars,
    size: item.size,
    mentors: item.mentors.map((mentor) => mentor.name),
    repos: item.repos,
    status: finderItemStatus(item),
    claimedBy: item.claims.map((claim) => claim.login),
    /** The running claims; a demo person's is a demo action. */
    claims: item.claims.map((claim) => ({
      login: claim.login,
      claimedAt: claim.claimedAt,
      isDemoAction: claim.isDemo,
      // Whether and when a mentor or maintainer answered it, never what was said: answers show
      // to signed-in people only, as the mentors' contact does, and this API is public.
      answered: claim.firstAnswer !== null,
      answeredAt: claim.firstAnswer?.at ?? null,
      /** The first answer was a demo person's: a demo action. */
      isDemoAnswer: claim.firstAnswer?.isDemo ?? false,
    })),
    /** The stars were set by a demo person: a demo action, not the community's rating. */
    isDemoRating: item.isDemoRating,
    issue: item.issue && {
      repo: item.issue.repo,
      number: item.issue.number,
      state: item.issue.state,
      url: item.issue.url,
      openPullRequests: item.issue.openPullRequests,
    },
    perceived: {
      languageStars: item.perceived.languageStars,
      domainStars: item.perceived.domainStars,
      reports: item.perceived.reports,
      /** Of `reports`, those a demo person made (demo actions). */
      demoReports: item.perceived.demoReports,
    },
  }
}

export type StarterProjectApiItem = ReturnType<typeof toApiItem>

export const FEED_SIZE = 50

export type FeedFilters = Partial<FinderFilters> & {
  /** Lists only the projects within this level, as the finder does; null: every level. */
  background?: FinderBackground | null
  limit?: number
}

/**
 * The newest projects for the Atom feed, in one query: open ones unless `status` says otherwise,
 * within the finder's filters and, given a background, its level (finder.ts isEligible).
 */
export async function listNewStarterProjects(
  { background = null, limit = FEED_SIZE, ...given }: FeedFilters = {},
  db: Database = getDb(),
) {
  const filters: FinderFilters = { ...DEFAULT_FILTERS, ...given }
  const { status, repo } = filters
  const search = await compileSearch(filters.q, db)
  const eligible = eligibleSql(background, filters, null, {
    table: 'p',
    isClaimed: IS_CLAIMED,
    canReachMentors: CAN_REACH_MENTORS,
  })
  return db
    .selectFrom('starter_project as p')
    .select((eb) => [
      'p.id',
      'p.title',
      'p.summary',
      'p.primary_domain',
      'p.secondary_domains',
      'p.language_stars',
      'p.domain_stars',
      'p.size',
      'p.status',
      'p.created_at',
      lastChange().as('last_change'),
      // Rated by a demo person: a demo action, and the feed says so as the pages do.
      isDemoAccount(eb.ref('p.rated_by')).as('rated_by_demo'),
      jsonArrayFrom(
        eb
          .selectFrom('starter_project_mentor as m')
          .select(['m.name'])
          .whereRef('m.project_id', '=', 'p.id')
          .orderBy('m.position'),
      ).as('mentors'),
    ])
    .$if(status !== 'all', (qb) => qb.where('p.status', '=', status as ProjectStatus))
    .where((eb) => eb.and(searchAndRepo(search, repo)))
    .$if(eligible.length > 0, (qb) => qb.where((eb) => eb.and(eligible)))
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute()
}

export type FeedProject = Awaited<ReturnType<typeof listNewStarterProjects>>[number]

/**
 * A feed entry's `updated`: the project's last change, as far as it is known. Its edits, ratings
 * and status (`updated_at`) and its claims (made, renewed, ended: `updated_at` misses them). A
 * project only demo people ever changed (the demo's, rated and claimed as demo actions at load,
 * docs/decisions/012) keeps its listing date: its history before the load is unknown, and "changed
 * at load" would tell a feed reader all the demo's projects changed at once, every time the demo
 * is loaded again. Demo people's claims never move it; anyone else's change does.
 */
function lastChange() {
  const demo = (column: string) => isDemoAccount(sql.ref(column))
  const touchedByDemo = sql<boolean>`(${demo('p.rated_by')} or ${demo('p.mentors_named_by')} or ${demo('p.created_by')}
    or exists (select from starter_claim dc where dc.project_id = p.id and ${demo('dc.account_id')}))`
  const touchedByOthers = sql<boolean>`((p.rated_by is not null and not ${demo('p.rated_by')})
    or (p.mentors_named_by is not null and not ${demo('p.mentors_named_by')})
    or (p.created_by is not null and not ${demo('p.created_by')}))`
  const edited = sql<Date>`case when ${touchedByDemo} and not ${touchedByOthers} then p.created_at else p.updated_at end`
  return sql<Date>`greatest(${edited}, (
    select max(greatest(c.claimed_at, c.renewed_at, c.ended_at)) from starter_claim c
    where c.project_id = p.id and not ${demo('c.account_id')}))`
}

// ---- Saved finder ----

/** Longest query string a saved finder may hold (every domain named, every filter set). */

/** Saves (or replaces) a person's finder: the canonical query string of a validated state. */
export async function saveFinderPreference(
  accountId: number,
  query: string,
  db: Database = getDb(),
) {
  if (query.length > MAX_SAVED_QUERY_LENGTH) {
    throw new Error(`a saved finder is at most ${MAX_SAVED_QUERY_LENGTH} characters`)
  }
  await db
    .insertInto('finder_preference')
    .values({ account_id: accountId, query })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ query, saved_at: sql<Date>`now()` }))
    .execute()
}

/** The saved query string, or null when the person saved none. */
export async function getFinderPreference(accountId: number, db: Database = getDb()) {
  const row = await db
    .selectFrom('finder_preference')
    .select(['query', 'saved_at'])
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  return row ?? null
}

/** Forgets a saved finder; returns whether there was one. */
export async function deleteFinderPreference(accountId: number, db: Database = getDb()) {
  const result = await db
    .deleteFrom('finder_preference')
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
