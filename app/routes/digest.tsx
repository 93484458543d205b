import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'

import { getCurrentUser, requireMaintainer } from '~/accounts/auth.server'
import { demoActionNote, personName } from '~/accounts/person'
import { FieldError } from '~/components/field-error'
import { Notice } from '~/components/notice'
import { digestMarkdown } from '~/digest/compose'
import { getLatestDecisionBefore, loadDigest } from '~/digest/digest.server'
import { DIGEST_ITEM_MAX_LENGTH } from '~/digest/items'
import { createDigestItem, deleteDigestItem } from '~/digest/items.server'
import { agendaSinceFor, parseDigestPeriod, periodKey, type DigestPeriod } from '~/digest/period'
import { countLabelWriteBack } from '~/labels/plan/review.server'
import { roundWithTarget } from '~/roadmap/round-title'
import { DecidedIn } from '~/roadmap/ui/decided-in'
import { pageTitle } from '~/setup/board-name'
import { idField } from '~/utils/id'
import { renderMarkdown } from '~/utils/markdown.server'
import { publicOrigin } from '~/utils/public-origin.server'
import { Refusal } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

const DEFAULT_SINCE = '2w'

// Length and emptiness are the model's refusals (items.server.ts), with their reasons.
const DigestActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('add'),
    since: z.string().default(DEFAULT_SINCE),
    text: z.string(),
  }),
  z.object({
    intent: z.literal('delete'),
    since: z.string().default(DEFAULT_SINCE),
    itemId: z
      .string({ required_error: 'Which item? Its number is missing.' })
      .pipe(idField('That is not an item number.')),
  }),
])

/** The period `since` names now; a bad or future one is a 400 with the reason. */
function periodOf(since: string): DigestPeriod {
  try {
    return parseDigestPeriod(since, new Date())
  } catch (error) {
    if (error instanceof Refusal) throw new Response(error.message, { status: error.status })
    throw error
  }
}

/**
 * The period the "Since" field names; a bad or future one gives its reason, shown beside what was
 * typed, and the default fortnight meanwhile (a 400, not an error page to retype from).
 */
function typedPeriod(since: string): { period: DigestPeriod; sinceError: string | null } {
  try {
    return { period: parseDigestPeriod(since, new Date()), sinceError: null }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return { period: parseDigestPeriod(DEFAULT_SINCE, new Date()), sinceError: error.message }
  }
}

/** Public: the agenda holds only what the board already shows to everyone. */
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = readQuery(request).get('since') ?? DEFAULT_SINCE
  const { period, sinceError } = typedPeriod(typed)
  // Counts only (the agenda is public); digest imports nothing of labels, so they are read here.
  const [digest, user] = await Promise.all([
    loadDigest(period, undefined, undefined, countLabelWriteBack()),
    getCurrentUser(request),
  ])
  const isRoadmapQuiet =
    digest.decisions.length === 0 &&
    digest.ideasByArea.length === 0 &&
    digest.roundsOpening.length + digest.roundsClosing.length + digest.roundsProposed.length === 0
  const latest = isRoadmapQuiet ? await getLatestDecisionBefore(period.since) : undefined
  // Absolute links: the markdown is pasted into call notes, read away from the board.
  const markdown = digestMarkdown(digest, publicOrigin(request))
  return json(
    {
      sinceTyped: typed.slice(0, 200),
      sinceError,
      // A quiet period points at the roadmap's last decision and the agenda that holds it.
      latestDecision: latest
        ? {
            roundId: latest.round_id,
            roundName: latest.round_name,
            target: latest.target_name,
            decidedAt: latest.decided_at.toISOString(),
            since: agendaSinceFor(latest.decided_at),
          }
        : null,
      since: period.label,
      period: periodKey(period),
      markdown,
      // The same agenda to read on the page (during the call, on a shared screen), as GitHub would
      // show it once posted.
      // Its "# Call agenda: …" title is this page's h1, so its sections are the page's h2s.
      agendaHtml: renderMarkdown(markdown.replace(/^# .*\n+/, ''), { topLevel: 1 }),
      // That title names the period's dates: without them "in this period" says no when.
      title: markdown.slice(2, markdown.indexOf('\n')),
      items: digest.items.map((item) => ({
        id: item.id,
        text: item.text,
        login: item.login,
        // Who added it, as every page names people (a demo person by her demo name).
        name: personName({ login: item.login, isDemo: item.isDemo ?? false }),
        isDemo: item.isDemo ?? false,
      })),
      canEdit: user?.role === 'maintainer',
    },
    { status: sinceError ? 400 : 200 },
  )
}

/** Maintainers add items to the period's agenda by hand, or take them off, before posting. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const form = Object.fromEntries(await readForm(request))
  const parsed = DigestActionSchema.safeParse(form)
  const text = typeof form.text === 'string' ? form.text : ''
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Invalid request.'
    return json({ ok: false, message, text }, { status: 400 })
  }
  const period = periodOf(parsed.data.since)
  try {
    if (parsed.data.intent === 'add') {
      await createDigestItem(period, parsed.data.text, user)
      return json({ ok: true, message: 'Added to the agenda.', text: '' })
    }
    await deleteDigestItem(period, parsed.data.itemId)
    return json({ ok: true, message: 'Taken off the agenda.', text: '' })
  } catch (error) {
    if (error instanceof Refusal)
      return json({ ok: false, message: error.message, text }, { status: error.status })
    throw error
  }
}

export default function DigestRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const since = data.since.replace(/^since /, '')
  return (
    <div>
      <h1 className="text-2xl font-bold">{data.title}</h1>
      <p className="mt-1 text-sm text-slate-600">
        What the board saw in the period, ready to paste into the call notes (also{' '}
        <code>npm run digest -- --since 2w</code>, and <code>--post owner/name</code> to open it as
        a GitHub issue).
      </p>
      <Form method="get" className="mt-4 flex items-end gap-2">
        <label className="text-sm">
          Since (14d, 2w, 1m or a date)
          <input
            name="since"
            key={data.sinceTyped}
            defaultValue={data.sinceError ? data.sinceTyped : since}
            aria-invalid={data.sinceError ? true : undefined}
            aria-describedby={data.sinceError ? 'since-error' : undefined}
            className="ml-2 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-sm text-white">
          Show
        </button>
      </Form>
      <FieldError
        field="since"
        message={
          data.sinceError
            ? `${data.sinceError} Meanwhile the agenda below covers the last two weeks.`
            : undefined
        }
      />
      {data.canEdit ? (
        <AgendaItems
          since={since}
          period={data.period}
          items={data.items}
          result={result}
          isBusy={navigation.state !== 'idle'}
        />
      ) : null}
      {data.latestDecision ? (
        <p className="mt-4 text-sm text-slate-700">
          Nothing was proposed or decided on the roadmap in this period. The latest decision was
          taken{' '}
          <DecidedIn
            decidedAt={data.latestDecision.decidedAt}
            roundId={data.latestDecision.roundId}
            roundName={roundWithTarget(data.latestDecision.roundName, data.latestDecision.target)}
          />
          ;{' '}
          <Link
            to={`/digest?since=${data.latestDecision.since}`}
            className="text-blue-700 underline"
          >
            the agenda since {data.latestDecision.since}
          </Link>{' '}
          holds it.
        </p>
      ) : null}
      <section
        aria-label="The agenda"
        className="markdown-body mt-4 rounded border border-slate-200 bg-white p-4"
        dangerouslySetInnerHTML={{ __html: data.agendaHtml }}
      />
      <label className="mt-4 block text-sm font-medium" htmlFor="digest-markdown">
        Markdown, to paste into the call notes
      </label>
      <textarea
        id="digest-markdown"
        readOnly
        value={data.markdown}
        rows={12}
        className="mt-1 w-full rounded border border-slate-300 p-2 font-mono text-sm"
      />
    </div>
  )
}

function AgendaItems({
  since,
  period,
  items,
  result,
  isBusy,
}: {
  since: string
  period: string
  items: { id: number; text: string; login: string; name: string; isDemo: boolean }[]
  result: { ok: boolean; message: string; text: string } | undefined
  isBusy: boolean
}) {
  return (
    <section aria-labelledby="agenda-items" className="mt-6">
      <h2 id="agenda-items" className="text-lg font-semibold">
        Added by hand
      </h2>
      <p className="text-sm text-slate-600">
        Items added in this period ({period.replace('..', ' to ')}); they head the agenda of any
        period that includes the moment they were added, here and in the posted issue.
      </p>
      {result ? <Notice tone={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {items.length > 0 ? (
        <ul className="mt-2 space-y-1">
          {items.map((item) => (
            <li key={item.id} className="flex items-center gap-2 text-sm">
              <span>
                {item.text}{' '}
                <span className="text-slate-600">
                  ({item.name}){demoActionNote(item.isDemo)}
                </span>
              </span>
              <Form method="post">
                <input type="hidden" name="since" value={since} />
                <input type="hidden" name="itemId" value={item.id} />
                <button
                  type="submit"
                  name="intent"
                  value="delete"
                  disabled={isBusy}
                  className="text-blue-700 underline"
                  aria-label={`Remove “${item.text}” from the agenda`}
                >
                  Remove
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      <Form method="post" className="mt-2 flex items-end gap-2">
        <input type="hidden" name="since" value={since} />
        <label className="grow text-sm">
          New item
          <input
            name="text"
            key={result?.ok ? 'added' : 'kept'}
            defaultValue={result?.ok ? '' : result?.text}
            maxLength={DIGEST_ITEM_MAX_LENGTH}
            className="ml-2 w-2/3 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button
          type="submit"
          name="intent"
          value="add"
          disabled={isBusy}
          className="rounded bg-slate-800 px-3 py-1 text-sm text-white"
        >
          Add to the agenda
        </button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Call agenda · Pioneer Board', matches) },
]
