import { readdirSync } from 'node:fs'
import path from 'node:path'

import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'

import { seedDemoIfEmpty } from '../app/demo/demo.server'
import { makePerson } from '../app/roadmap/test-fixtures'
import { encodeCursor } from '../app/utils/cursor'
import { closeDb, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import { sessionCookieFor } from './route-requests'

// Every route module's loader and action, called as Remix would with hostile input: path
// parameters, query strings and bodies no page of ours sends (huge and negative numbers, broken
// `%` escapes, NUL characters, tampered cursors, JSON or truncated multipart bodies), against the
// seeded demo, anonymously, with a tampered session, as a contributor and as a maintainer.
// Whatever comes in, the answer is never a 500 (a thrown Error is one), a refusal says why, and a
// refused submission leaves the database as it was. test/bad-requests.test.ts holds the cases
// this once found; malformed paths are refused before Remix (app/utils/malformed-path.server.ts).

type Loader = (args: LoaderFunctionArgs) => Promise<Response> | Response
type Action = (args: ActionFunctionArgs) => Promise<Response> | Response
type RouteModule = { loader?: Loader; action?: Action; default?: unknown }

const ORIGIN = 'http://localhost'
const ROUTES_DIR = path.resolve(__dirname, '../app/routes')
// Verified by its HMAC signature before anything is read (see webhooks.github.test.ts); without
// a configured secret it answers 503 to every delivery, by design.
const SKIPPED_ACTIONS = new Set(['webhooks.github.ts'])
// Per route and kind of request; FUZZ_RUNS=300 searches deeper (a minute or so).
const RUNS = Number(process.env.FUZZ_RUNS ?? 40)

/** A route's URL segments: a literal, or a parameter's name (`*` for a splat). */
type Segment = string | { param: string }
type Route = { file: string; module: RouteModule; segments: Segment[] }

/** Remix's flat-routes file name → URL segments (`starter.$id_.edit.tsx` → starter/:id/edit). */
function segmentsOf(file: string): Segment[] {
  const name = file.replace(/\.tsx?$/, '')
  const parts = name.match(/(\[[^\]]*\]|[^.[])+/g) ?? []
  return parts
    .map((part) => part.replace(/\[([^\]]*)\]/g, '$1').replace(/_$/, ''))
    .filter((part) => part !== '_index' && !part.startsWith('_'))
    .map((part) =>
      part === '$' ? { param: '*' } : part.startsWith('$') ? { param: part.slice(1) } : part,
    )
}

const routes: Route[] = await Promise.all(
  readdirSync(ROUTES_DIR)
    .filter((file) => /\.tsx?$/.test(file) && !file.includes('.test.'))
    .sort()
    .map(async (file) => ({
      file,
      segments: segmentsOf(file),
      module: (await import(path.join(ROUTES_DIR, file))) as RouteModule,
    })),
)

// ---- What the properties draw from ----

const HOSTILE_TEXT = [
  '',
  ' ',
  '0',
  '-1',
  '1',
  '2',
  '3',
  '1.5',
  '1e3',
  '0x10',
  '+1',
  '#1',
  '2147483647',
  '2147483648',
  '-2147483649',
  '4294967296',
  '9007199254740991',
  '9007199254740992',
  '99999999999999999999999',
  'NaN',
  'Infinity',
  'null',
  'true',
  '[]',
  '{}',
  'a\u0000b',
  '\u0000',
  '%00',
  '%E0%A4%A',
  '%',
  '\n',
  'a\r\nb',
  '/\\evil.example',
  '//evil.example',
  '/%0d%0aSet-Cookie:x=1',
  '<script>alert(1)</script>',
  "'; drop table issue; --",
  '\ud800',
  'ünïcödé 💥',
  'mirage/mirage',
  'mirage/mirage#1',
  'mirage/mirage#2147483648',
  'a'.repeat(300),
  'x'.repeat(30_000),
  '2020-01-01',
  '2020-02-30',
  '99999-01-01',
  '0000-01-01',
  'on',
  'off',
  'yes',
]

// The forms each route's pages send, by intent (`null`: a form without one), with the fields they
// carry; a generated submission mostly picks one of its route's forms, fills most fields
// plausibly and spoils the rest.
type Form = [intent: string | null, fields: string[]]
const FORMS: Record<string, Form[]> = {
  'admin.maintainers.tsx': [
    ['grant', ['login']],
    ['revoke', ['login']],
  ],
  'labels._index.tsx': [
    ['apply-all', ['repo']],
    ['apply-selected', ['repo', 'change', 'issue']],
  ],
  'labels.log.tsx': [['resolve', ['id', 'choice']]],
  'labels.scheme.tsx': [
    ['preview', ['repo', 'label:language:1']],
    ['save', ['repo', 'label:language:1', 'previewed']],
  ],
  'login.tsx': [
    ['github', ['returnTo']],
    ['demo', ['person', 'returnTo']],
  ],
  'logout.tsx': [['everywhere', []]],
  'roadmap.ideas.$id.tsx': [
    ['plus-one', ['value']],
    ['comment', ['body']],
    ['suggest-area', ['areaId', 'areaName']],
    ['move', ['areaId']],
    ['merge', ['survivorId']],
  ],
  'roadmap.efforts.$id.tsx': [
    ['status', ['status']],
    ['owners', ['owners']],
    ['target', ['targetDate']],
    ['link', ['links']],
  ],
  'roadmap.ideas._index.tsx': [
    ['propose', ['title', 'areaId', 'description', 'links']],
    ['plus-one', ['value', 'ideaId']],
  ],
  'roadmap.rounds.$id.tsx': [
    ['ballot', ['idea', 'rank', 'idea', 'rank']],
    ['dots', ['idea', 'dots']],
    ['shortlist', ['shortlist', 'shortlist']],
    ['close', ['method', 'topN', 'rationale', 'otherOutcome', 'supersedesDecisionId', 'outcome-1']],
  ],
  'roadmap.rounds._index.tsx': [
    [
      'open-round',
      [
        'releaseTargetId',
        'proposedRoundId',
        'name',
        'opensOn',
        'closesOn',
        'dotBudget',
        'shortlist',
      ],
    ],
    ['create-target', ['name', 'description']],
    ['create-area', ['releaseTargetId', 'name']],
  ],
  'starter.$id.tsx': [
    ['claim', []],
    ['renew', ['claimId']],
    ['finish', ['claimId', 'finishLink']],
    ['abandon', ['claimId']],
    ['release', ['claimId', 'confirm']],
    ['feedback', ['claimId', 'languageStars', 'domainStars', 'timeTaken', 'note']],
  ],
  'starter.$id_.edit.tsx': [
    [
      null,
      [
        'title',
        'summary',
        'primaryDomain',
        'secondaryDomains',
        'languageStars',
        'domainStars',
        'size',
        'status',
        'mentors',
        'repos',
        'relatedIssues',
        'readFirst',
        'issue',
      ],
    ],
  ],
  'starter._index.tsx': [
    // The finder's own form, sent to the action by "Save this background".
    ['save', ['level', 'know', 'time', 'wantsMentor', 'q', 'repo', 'domain', 'size', 'limit']],
    ['forget', []],
  ],
  'starter.calibration.tsx': [['rerate', ['projectId', 'axis', 'from', 'stars']]],
  'starter.gaps.tsx': [['answer', ['requestId', 'projectId', 'note']]],
  'starter.triage.tsx': [
    [
      'save',
      ['position', 'version', 'languageStars', 'domainStars', 'size', 'primaryDomain', 'mentors'],
    ],
    ['dismiss', ['position', 'version', 'reason']],
  ],
  'starter.nothing-fits.tsx': [
    [null, ['languageLevel', 'domains', 'time', 'wantsMentor', 'note', 'returnTo']],
  ],
  'sync.tsx': [[null, []]],
  'digest.tsx': [
    ['add', ['since', 'text']],
    ['delete', ['since', 'itemId']],
  ],
  'admin.email.tsx': [['retry', []]],
  'me._index.tsx': [['renew', ['claimId']]],
  'me.settings.tsx': [
    ['email', ['email']],
    ['remove-email', []],
    ['decline-email-offer', []],
    ['follow', ['subjectType', 'subjectId', 'following', 'returnTo']],
  ],
  'notifications._index.tsx': [
    ['read', ['id']],
    ['read-all', []],
  ],
  'notifications.unsubscribe.tsx': [[null, ['token']]],
}
FORMS['starter.new.tsx'] = FORMS['starter.$id_.edit.tsx']!
const ALL_FORMS = Object.values(FORMS).flat()

const ID_FIELDS = new Set([
  'claimId',
  'ideaId',
  'areaId',
  'survivorId',
  'releaseTargetId',
  'proposedRoundId',
  'shortlist',
  'idea',
  'supersedesDecisionId',
  'requestId',
  'projectId',
  'id',
  'itemId',
  'subjectId',
])

/** What a page of ours would put in a field (ids come from the seeded demo). */
const PLAUSIBLE: Record<string, string[]> = {
  returnTo: ['/', '/starter'],
  person: ['maintainer', 'contributor', 'newcomer'],
  confirm: ['yes'],
  languageStars: ['1', '2', '3', 'unrated'],
  domainStars: ['1', '2', '3', 'unrated'],
  from: ['1', '2', '3', 'unrated'],
  stars: ['1', '2', '3'],
  timeTaken: ['day', 'week', 'month', 'longer'],
  finishLink: [
    '',
    'mirage/mirage#1',
    'https://github.com/mirage/mirage/pull/2147483647',
    'mirage/mirage#2147483648',
    'javascript:alert(1)',
  ],
  value: ['on', 'off'],
  name: ['Fuzz round', 'Fuzz area'],
  title: ['A fuzzed idea'],
  opensOn: ['2020-01-01', new Date().toISOString().slice(0, 10)],
  closesOn: ['2999-01-01', ''],
  dotBudget: ['0', '3'],
  rank: ['1', '2'],
  dots: ['0', '1'],
  method: ['top-n', 'picked'],
  topN: ['1'],
  otherOutcome: ['deferred:ideation'],
  'outcome-1': ['agreed'],
  login: ['octocat', 'fuzz-contributor'],
  axis: ['language', 'domain'],
  query: ['level=some', 'know=networking&time=week'],
  choice: ['kept-github', 'reapplied'],
  languageLevel: ['none', 'some', 'comfortable'],
  time: ['day', 'week', 'any'],
  wantsMentor: ['on', ''],
  size: ['day', 'week', 'elastic'],
  status: ['open', 'done'],
  links: ['mirage/mirage#1', ''],
  relatedIssues: ['mirage/mirage#1'],
  issue: ['mirage/mirage#1', ''],
  // Triage queue positions: a project's (the demo's first ones) and a candidate issue's.
  position: [
    encodeCursor(['p', 1]),
    encodeCursor(['p', 2]),
    encodeCursor(['i', 5, '2024-01-01T00:00:00.000Z', 1]),
  ],
  version: ['1', '0', ''],
  reason: ['Not for newcomers.', ''],
  since: ['2w', '2000-01-01', '0000-01-01'],
  text: ['Talk about the fuzz.'],
  email: ['fuzz@example.org', 'not an address'],
  subjectType: ['idea', 'project', 'area'],
  following: ['yes', 'no'],
}

function plausible(field: string) {
  if (ID_FIELDS.has(field)) return known.ids
  if (field === 'repo' || field === 'repos') return known.names.filter((name) => name.includes('/'))
  if (field === 'primaryDomain' || field === 'secondaryDomains' || field === 'domains') {
    return ['networking', 'storage']
  }
  return PLAUSIBLE[field] ?? ['Some words.']
}

const QUERY_PARAMETERS = [
  'q',
  'cursor',
  'before',
  'page',
  'months',
  'type',
  'state',
  'sort',
  'limit',
  'label',
  'repo',
  'author',
  'target',
  'area',
  'stage',
  'issue',
  'returnTo',
  'domain',
  'axis',
  'maintainer',
  'group',
  'open',
  'answered',
  'view',
  'status',
  'conflicts',
  'level',
  'know',
  'time',
  'wantsMentor',
  'maxLanguage',
  'maxDomain',
  'size',
  'hasMentor',
  'unclaimed',
  'above',
  'fresh',
  'nothingFits',
  'code',
  'at',
  'after',
  'done',
  'since',
]

/** Ids, names and path parameters that exist in the seeded demo, so requests get past "not found". */
const known: { ids: string[]; names: string[]; params: Record<string, Record<string, string>[]> } =
  { ids: [], names: [], params: {} }

const cursorNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(2147483647, 2147483648, -2147483649, 9007199254740992, -1, 0, 1e300, 1.5),
)
const cursorTime = fc.constantFrom(
  '2020-01-01T00:00:00.000Z',
  '2020-01-01',
  '1',
  'x',
  '2020-13-45',
  '2020-02-30T00:00:00Z',
  'Tue Mar 01 2022',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '0000-01-01T00:00:00.000Z',
  '99999-01-01',
  '',
)
const cursorSort = fc.constantFrom('created', 'updated', 'comments', 'plus-ones', 'newest', 'x')
// Shaped like the board's own cursors (sort, time and id; score, time and id; time and id;
// count and id; id), so a tampered one gets past "not a cursor" to the values inside it.
const cursor = fc
  .oneof(
    fc.tuple(cursorSort, cursorTime, cursorNumber),
    fc.tuple(cursorNumber, cursorTime, cursorNumber),
    fc.tuple(cursorTime, cursorNumber),
    fc.tuple(cursorNumber, cursorNumber),
    fc.tuple(cursorNumber),
    fc.array(fc.oneof(cursorNumber, cursorTime, cursorSort), { maxLength: 9 }),
  )
  .map((parts) => encodeCursor(parts))

/** Drops lone surrogates, which no decoded URL holds. */
const wellFormed = (value: string) =>
  value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')

const text = () =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
    { weight: 2, arbitrary: fc.constantFrom(...known.ids, ...known.names) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String) },
    { weight: 1, arbitrary: cursor },
  )

const pathValue = () =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT.filter((value) => value !== '')) },
      { weight: 4, arbitrary: fc.constantFrom(...known.ids, ...known.names) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
    )
    .map(wellFormed)

/** The route's path parameters: often ones naming a row of the seeded demo, else hostile ones. */
const pathParams = (route: Route) => {
  const names = route.segments.flatMap((segment) =>
    typeof segment === 'string' ? [] : [segment.param],
  )
  const hostile = fc
    .array(pathValue(), { minLength: names.length, maxLength: names.length })
    .map((values) => Object.fromEntries(names.map((name, index) => [name, values[index]!])))
  const existing = known.params[route.file] ?? []
  if (existing.length === 0) return hostile
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...existing) },
    { weight: 1, arbitrary: hostile },
  )
}

/** Session cookies no sign-in gave out: malformed, unsigned, or naming an account past integer. */
const TAMPERED_COOKIES = [
  'pioneer_session=%E0%A4%A',
  `pioneer_session=${Buffer.from('{"accountId":2147483648,"sessionId":"x"}').toString('base64')}`,
  'pioneer_session=eyJ9.%00',
  'pioneer_session=; pioneer_session=x',
]

type Visitor = { who: string; cookie: string | null }
/** Who asks: anonymous, with a tampered session cookie, signed in (mostly as a maintainer). */
const visitor = (): fc.Arbitrary<Visitor> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant({ who: 'anonymous', cookie: null }) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...TAMPERED_COOKIES)
        .map((cookie) => ({ who: 'a tampered session', cookie })),
    },
    { weight: 1, arbitrary: fc.constant({ who: 'contributor', cookie: cookies.contributor }) },
    { weight: 3, arbitrary: fc.constant({ who: 'maintainer', cookie: cookies.maintainer }) },
  )

const query = () =>
  fc
    .array(fc.tuple(fc.constantFrom(...QUERY_PARAMETERS), text()), { maxLength: 4 })
    .map((pairs) => new URLSearchParams(pairs).toString())

const formPairs = (route: Route) =>
  fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom(...(FORMS[route.file] ?? ALL_FORMS)) },
      { weight: 1, arbitrary: fc.constantFrom(...ALL_FORMS) },
    )
    .chain(([intent, fields]) =>
      fc.tuple(
        intent === null
          ? fc.constant(undefined)
          : fc.oneof(
              { weight: 8, arbitrary: fc.constant(intent) },
              { weight: 1, arbitrary: fc.constantFrom<string | undefined>('x', '', undefined) },
            ),
        fc.tuple(
          ...fields.map((field) =>
            fc.tuple(
              fc.constant(field),
              fc.oneof(
                { weight: 3, arbitrary: fc.constantFrom(...plausible(field)) },
                { weight: 1, arbitrary: text() },
              ),
            ),
          ),
        ),
        fc.array(fc.tuple(fc.constantFrom(...ALL_FORMS.flatMap(([, names]) => names)), text()), {
          maxLength: 2,
        }),
      ),
    )
    .map(([intent, fields, extra]): [string, string][] => [
      ...(intent === undefined ? [] : ([['intent', intent]] as [string, string][])),
      ...fields,
      ...extra,
    ])

type Body = { contentType: string | null; body: string | null }

function multipart(pairs: [string, string][], boundary: string) {
  const parts = pairs.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  )
  return `${parts.join('')}--${boundary}--\r\n`
}

const body = (route: Route): fc.Arbitrary<Body> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: formPairs(route).map((pairs) => ({
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams(pairs).toString(),
      })),
    },
    {
      weight: 1,
      arbitrary: formPairs(route).map((pairs) => ({
        contentType: 'application/json',
        body: JSON.stringify(Object.fromEntries(pairs)),
      })),
    },
    {
      weight: 1,
      arbitrary: formPairs(route).map((pairs) => ({
        contentType: 'text/plain',
        body: pairs.map(([name, value]) => `${name}=${value}`).join('\n'),
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(formPairs(route), fc.boolean(), fc.nat())
        .map(([pairs, isTruncated, cut]) => {
          const whole = multipart(pairs, 'fuzzboundary')
          return {
            contentType: 'multipart/form-data; boundary=fuzzboundary',
            body: isTruncated ? whole.slice(0, cut % Math.max(1, whole.length)) : whole,
          }
        }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { contentType: null, body: null },
        { contentType: null, body: 'intent=claim' },
        { contentType: 'multipart/form-data', body: 'intent=claim' },
        { contentType: 'application/x-www-form-urlencoded', body: '%E0%A4%A=%&intent=%00' },
        { contentType: 'application/xml', body: '<intent>claim</intent>' },
      ),
    },
  )

// ---- Checking an answer ----

const people: Record<'contributor' | 'maintainer', number> = { contributor: 0, maintainer: 0 }
const cookies: Record<'contributor' | 'maintainer', string> = { contributor: '', maintainer: '' }

function urlOf(route: Route, params: Record<string, string>, search: string) {
  const pathname = route.segments
    .map((segment) =>
      typeof segment === 'string'
        ? segment
        : segment.param === '*'
          ? params['*']!.split('/').map(encodeURIComponent).join('/')
          : encodeURIComponent(params[segment.param]!),
    )
    .join('/')
  return `${ORIGIN}/${pathname}${search ? `?${search}` : ''}`
}

function headersFor({ cookie }: Visitor) {
  const headers = new Headers()
  if (cookie) headers.set('Cookie', cookie)
  return headers
}

/** The answer, returned or thrown; a thrown non-Response is what Remix answers 500 to. */
async function answerOf(run: () => Promise<Response> | Response) {
  try {
    return await run()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

/**
 * Row counts of every table but those that record requests rather than changes (and the board's
 * signing secret, which the first request to read a cookie may make).
 */
async function tableCounts() {
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables
    where schemaname = 'public' and tablename not like 'kysely_migration%'
      and tablename not in ('write_quota', 'account_session', 'board_secret')
    order by tablename
  `.execute(getDb())
  const counts = await sql<Record<string, number>>`select ${sql.join(
    rows.map(
      ({ tablename }) =>
        sql`(select count(*)::int from ${sql.table(tablename)}) as ${sql.ref(tablename)}`,
    ),
  )}`.execute(getDb())
  return counts.rows[0]
}

async function expectCalmAnswer(response: Response, description: string) {
  expect(response.status, description).toBeLessThan(500)
  const content = await response.text()
  expect(content, description).not.toMatch(/\n\s+at .+:\d+:\d+/)
  if (response.status < 400) return
  let reason = content.trim()
  if (response.headers.get('Content-Type')?.includes('json')) {
    const data = JSON.parse(content) as {
      error?: { message?: string }
      message?: string
      reason?: string
      /** A page that keeps what was typed says why beside the field (/digest's `since`). */
      sinceError?: string
    }
    reason = data.error?.message ?? data.message ?? data.reason ?? data.sinceError ?? ''
  }
  expect(reason, `${description}: a ${response.status} says why`).not.toBe('')
}

// ---- The database the routes see ----

beforeAll(async () => {
  const db = getDb()
  await migrateToLatest(db)
  await seedDemoIfEmpty(db)
  people.maintainer = (await makePerson(db, 'fuzz-maintainer', 'maintainer')).id
  people.contributor = (await makePerson(db, 'fuzz-contributor', 'contributor')).id
  const ids = await sql<{ id: number }>`
    select id from starter_project union select id from idea union select id from round
    union select id from starter_claim union select id from roadmap_area
    union select id from release_target union select number as id from issue
  `.execute(db)
  known.ids = [...new Set(ids.rows.map((row) => String(row.id)))].slice(0, 40)
  const names = await sql<{ name: string }>`
    select full_name as name from repository union select slug from release_target
    union select slug from roadmap_area union select name from label
  `.execute(db)
  known.names = names.rows.map((row) => row.name).slice(0, 40)
  const idsOf = async (table: 'starter_project' | 'idea' | 'round') =>
    (await db.selectFrom(table).select('id').orderBy('id').limit(20).execute()).map((row) => ({
      id: String(row.id),
    }))
  known.params['starter.$id.tsx'] = await idsOf('starter_project')
  known.params['starter.$id_.edit.tsx'] = known.params['starter.$id.tsx']
  known.params['roadmap.ideas.$id.tsx'] = await idsOf('idea')
  known.params['roadmap.efforts.$id.tsx'] = (
    await db.selectFrom('idea').select('id').where('status', '=', 'agreed').execute()
  ).map((row) => ({ id: String(row.id) }))
  known.params['roadmap.rounds.$id.tsx'] = await idsOf('round')
  known.params['api.rounds.$id.ts'] = known.params['roadmap.rounds.$id.tsx']
  const issues = await sql<{ full_name: string; number: number }>`
    select r.full_name, i.number from issue i join repository r on r.id = i.repository_id limit 20
  `.execute(db)
  known.params['repos.$owner.$name.issues.$number.tsx'] = issues.rows.map((row) => {
    const [owner = '', name = ''] = row.full_name.split('/')
    return { owner, name, number: String(row.number) }
  })
})

// Fresh sessions for every test: signing out everywhere (logout.tsx) ends the earlier ones.
beforeEach(async () => {
  cookies.maintainer = await sessionCookieFor(people.maintainer)
  cookies.contributor = await sessionCookieFor(people.contributor)
})

afterAll(async () => {
  await closeDb()
})

// Addresses that are only read (no page, no form: the JSON APIs, the feeds, /healthz). Without an
// action of their own, Remix answered a POST to one 405 {"message":"Unexpected Server Error"}.
const WITH_OWN_ACTIONS = new Set(['webhooks.github.ts', 'logout.tsx'])
const readOnlyAddresses = routes.filter(
  (route) =>
    route.module.default === undefined &&
    route.module.loader !== undefined &&
    !WITH_OWN_ACTIONS.has(route.file) &&
    // A redirect with an error page of its own: Remix shows its 405 on that page.
    !route.file.startsWith('notifications.'),
)

test.each(readOnlyAddresses.map((route) => [route.file, route] as const))(
  '%s answers POST, PUT and DELETE 405, saying it only answers GET',
  async (_file, route) => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const url = urlOf(route, { id: known.ids[0] ?? '1' }, '')
      const request = new Request(url, { method, body: 'intent=claim' })
      expect(route.module.action, `${route.file} has an action`).toBeDefined()
      const response = await answerOf(() =>
        route.module.action!({ request, params: {}, context: {} }),
      )
      expect(response.status, `${method} ${url}`).toBe(405)
      expect(response.headers.get('Allow')).toBe('GET, HEAD')
      const body = (await response.json()) as { error: { message: string } }
      expect(body.error.message).toBe(`This address only answers GET requests, not ${method}.`)
    }
  },
)

// Remix runs a resource route's loader for OPTIONS, as for GET: it answered 200 with the data.
test.each(readOnlyAddresses.map((route) => [route.file, route] as const))(
  '%s answers OPTIONS 405 with Allow: GET, HEAD, as any other method but GET',
  async (_file, route) => {
    const url = urlOf(route, { id: known.ids[0] ?? '1' }, '')
    const request = new Request(url, { method: 'OPTIONS' })
    const response = await answerOf(() =>
      route.module.loader!({ request, params: { id: known.ids[0] ?? '1' }, context: {} }),
    )
    expect(response.status, `OPTIONS ${url}`).toBe(405)
    expect(response.headers.get('Allow')).toBe('GET, HEAD')
  },
)

for (const route of routes) {
  const { loader, action } = route.module

  if (loader) {
    test(`${route.file}: the loader never answers 500 to hostile addresses`, async () => {
      await fc.assert(
        fc.asyncProperty(pathParams(route), query(), visitor(), async (params, search, person) => {
          const url = urlOf(route, params, search)
          const description = `GET ${url} as ${person.who}`
          const request = new Request(url, { headers: headersFor(person) })
          const response = await answerOf(() => loader({ request, params, context: {} }))
          await expectCalmAnswer(response, description)
        }),
        { numRuns: RUNS },
      )
    })
  }

  if (action && !SKIPPED_ACTIONS.has(route.file)) {
    test(`${route.file}: the action never answers 500 to hostile submissions`, async () => {
      await fc.assert(
        fc.asyncProperty(
          pathParams(route),
          body(route),
          visitor(),
          async (params, { contentType, body: content }, person) => {
            const url = urlOf(route, params, '')
            const headers = headersFor(person)
            if (contentType) headers.set('Content-Type', contentType)
            const description = `POST ${url} as ${person.who} (${contentType}): ${content?.slice(0, 300)}`
            await sql`delete from write_quota`.execute(getDb())
            const before = await tableCounts()
            const request = new Request(url, { method: 'POST', headers, body: content })
            const response = await answerOf(() => action({ request, params, context: {} }))
            await expectCalmAnswer(response, description)
            if (response.status >= 400) expect(await tableCounts(), description).toEqual(before)
          },
        ),
        { numRuns: RUNS },
      )
    })
  }
}
