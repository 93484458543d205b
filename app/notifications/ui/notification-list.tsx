import type { SerializeFrom } from '@remix-run/node'
import { Form, Link } from '@remix-run/react'

import { DemoBadge } from '../../components/demo-badge'
import { formatDate, formatDateTime } from '../../utils/format'
import type { Rerate, RequestAnswer, RoundNow } from '../inbox.server'
import { NOTIFICATION_KINDS, isNotificationKind } from '../kinds'

type Item = SerializeFrom<{
  id: number
  kind: string
  title: string
  link: string
  is_demo_action: boolean
  created_at: Date
  read_at: Date | null
  answer: RequestAnswer | null
  round: RoundNow | null
  rerate: Rerate | null
}>

// Follows are named: someone who just followed an area or an idea reads that its news comes here.
// Only maintainers vote: a newcomer's empty inbox does not speak of rounds she votes in.
function emptyInboxText(isMaintainer: boolean) {
  return `You are told here when your claims near their end, your requests are answered, your ideas move, get a reply, are shortlisted or decided, what you follow changes (a new idea in an area you follow, say)${isMaintainer ? ', the projects you mentor change hands and rounds you vote in open or close' : ' and the projects you mentor change hands'}.`
}

/** The inbox's notices, newest first; an unread one has a "mark read" button. */
/** How many followed things an empty inbox names before "and N more". */
const FOLLOWS_NAMED = 3

export function NotificationList({
  items,
  isMaintainer = false,
  following = [],
}: {
  items: Item[]
  /** Whether she votes in rounds: the empty inbox names them only then. */
  isMaintainer?: boolean
  /** What she follows, for an empty inbox to name: news of them comes here. */
  following?: { title: string; link: string }[]
}) {
  if (items.length === 0) {
    const named = following.slice(0, FOLLOWS_NAMED)
    const more = following.length - named.length
    return (
      <div className="mt-4 rounded border border-dashed border-slate-300 p-4 text-center text-slate-600">
        {/* What to do first, then what comes: an empty inbox was a dead end for a newcomer. */}
        {named.length > 0 ? (
          <p>
            Nothing here yet. You follow{' '}
            {named.map((follow, index) => (
              <span key={follow.link}>
                {index === 0 ? '' : index === named.length - 1 && more === 0 ? ' and ' : ', '}
                <Link to={follow.link} className="text-blue-700 underline">
                  {follow.title}
                </Link>
              </span>
            ))}
            {more > 0 ? ` and ${more} more` : ''}: what happens to{' '}
            {following.length === 1 ? 'it' : 'them'} comes here.{' '}
            <Link to="/me" className="text-blue-700 underline">
              My work
            </Link>{' '}
            lists them all.
          </p>
        ) : (
          <p>
            Nothing here yet.{' '}
            <Link to="/starter" className="text-blue-700 underline">
              Claim a starter project
            </Link>{' '}
            or follow an{' '}
            <Link to="/roadmap/ideas" className="text-blue-700 underline">
              idea
            </Link>
            , and what happens to it comes here.
          </p>
        )}
        <p className="mt-2 text-sm">{emptyInboxText(isMaintainer)}</p>
      </div>
    )
  }
  return (
    <ul className="mt-4 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
      {items.map((item) => (
        <li
          key={item.id}
          className={`flex flex-wrap items-start gap-2 p-3 ${item.read_at ? '' : 'bg-blue-50'}`}
        >
          <div className="min-w-0 flex-1">
            <p className="text-xs text-slate-600">
              {isNotificationKind(item.kind) ? NOTIFICATION_KINDS[item.kind].group : item.kind} ·{' '}
              {formatDateTime(item.created_at)}
              {item.read_at ? null : <span className="ml-1 font-semibold text-blue-800">new</span>}
            </p>
            {/* A full page load: the header's unread count is the root loader's, which a
                client-side navigation would not run again. */}
            <Link
              to={`/notifications/${item.id}`}
              reloadDocument
              className="break-words text-blue-700 underline"
            >
              {item.title}
            </Link>
            {item.is_demo_action ? <DemoBadge>a demo action</DemoBadge> : null}
            {item.answer ? <AnsweredLine answer={item.answer} /> : null}
            {item.round ? <RoundNowLine round={item.round} link={item.link} /> : null}
            {item.rerate && item.rerate.changes.length > 0 ? (
              <RerateLine rerate={item.rerate} />
            ) : null}
          </div>
          {item.read_at ? null : (
            <Form method="post">
              <input type="hidden" name="intent" value="read" />
              <input type="hidden" name="id" value={item.id} />
              {/* A thumb tall on a phone, where it sits right beside the notice's link. */}
              <button
                type="submit"
                className="inline-flex min-h-10 items-center px-2 text-sm text-slate-700 underline sm:min-h-0 sm:px-0"
              >
                Mark read
              </button>
            </Form>
          )}
        </li>
      ))}
    </ul>
  )
}

/**
 * A request or a claim told about is answered: it waits for nobody now, and the notice says who
 * did it.
 */
function AnsweredLine({ answer }: { answer: NonNullable<Item['answer']> }) {
  const by = answer.byYou ? ' by you' : answer.byName ? ` by ${answer.byName}` : ''
  return (
    <p className="text-sm text-slate-700">
      Answered{by} on {formatDate(answer.answeredAt)}:{' '}
      <Link to={answer.link} className="text-blue-700 underline">
        see the answer
      </Link>
      {answer.isDemo ? <DemoBadge>a demo action</DemoBadge> : null}
    </p>
  )
}

/**
 * The project of a report told about was re-rated since, which answers it: the notice says how,
 * and by whom.
 */
function RerateLine({ rerate }: { rerate: NonNullable<Item['rerate']> }) {
  const by = rerate.byYou ? ' by you' : rerate.byName ? ` by ${rerate.byName}` : ''
  return (
    <p className="text-sm text-slate-700">
      Re-rated since this report: {rerate.changes.join(' and ')}
      {by} on {formatDate(rerate.at)}.{' '}
      <Link to={rerate.link} className="text-blue-700 underline">
        See the project
      </Link>
      {rerate.isDemo ? <DemoBadge>a demo action</DemoBadge> : null}
    </p>
  )
}

/** A round told about may have closed since, or had the reader's vote: the notice says which. */
function RoundNowLine({ round, link }: { round: NonNullable<Item['round']>; link: string }) {
  if (round.closedAt) {
    return (
      <p className="text-sm text-slate-700">
        Voting is over: closed on {formatDate(round.closedAt)}.{' '}
        <Link to={link} className="text-blue-700 underline">
          See the decision
        </Link>
      </p>
    )
  }
  if (round.votedAt) {
    return (
      <p className="text-sm text-slate-700">
        You voted on {formatDate(round.votedAt)}; you can change your ballot until it closes.
      </p>
    )
  }
  return null
}
