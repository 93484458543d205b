import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'

import { personName } from '~/accounts/person'

import { Notice } from '../../components/notice'
import { formatDate, listInWords } from '../../utils/format'
import type { RepositoryLabelPlan } from '../plan/plans.server'
import { changeKey, issueKey } from '../plan/selection'

// One repository of the label plan page: why nothing is planned there (scheme problems, writes
// GitHub would refuse), the issues left out, the labels created first, and per issue the changes
// a maintainer can tick. The checkboxes belong to the page's form; their values are the keys of
// plan/selection.ts.

type RepositoryPlanData = SerializeFrom<RepositoryLabelPlan>
type IssuePlanData = RepositoryPlanData['issues'][number]

export function RepositoryPlan({
  plan,
  waiting,
  isDemoCopy = false,
}: {
  plan: RepositoryPlanData
  /** The change keys already waiting in the outbox. */
  waiting: Set<string>
  /** The demo's copy: what is queued is never sent, and the marker says so. */
  isDemoCopy?: boolean
}) {
  const headingId = `repo-${plan.repositoryId}`
  return (
    <section aria-labelledby={headingId} className="mt-6">
      <h2 id={headingId} className="text-lg font-semibold">
        <Link to={`/labels?repo=${encodeURIComponent(plan.repo)}`} className="hover:underline">
          {plan.repo}
        </Link>
      </h2>
      {plan.problems.length > 0 ? (
        <Notice tone="error" as="div" className="mt-2">
          <p>
            The label scheme of {plan.repo} has problems: nothing is planned until they are fixed in
            the{' '}
            <Link to="/labels/scheme" className="text-blue-700 underline">
              scheme
            </Link>
            .
          </p>
          <ul className="mt-1 list-disc pl-5">
            {plan.problems.map((problem) => (
              <li key={problem.message}>{problem.message}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {plan.blocked ? (
        <Notice tone="error" className="mt-2">
          {plan.blocked}
        </Notice>
      ) : null}
      {plan.warnings.map((warning) => (
        <Notice key={warning} tone="warning" className="mt-2">
          {warning}
        </Notice>
      ))}
      {plan.problems.length === 0 &&
      !plan.blocked &&
      plan.issues.length === 0 &&
      plan.leftOut.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">Its labels already match the board.</p>
      ) : null}
      {plan.leftOut.length > 0 ? (
        <div className="mt-2">
          <h3 className="text-sm font-semibold text-slate-700">Left out</h3>
          <ul aria-label={`Issues left out in ${plan.repo}`} className="mt-1 space-y-1 text-sm">
            {plan.leftOut.map((issue) => (
              <li key={issue.number}>
                <a href={issue.url} rel="noreferrer" className="text-blue-700 underline">
                  #{issue.number} {issue.title}
                </a>
                : {issue.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.creates.length > 0 ? (
        <div className="mt-2">
          <h3 className="text-sm font-semibold text-slate-700">Labels created first</h3>
          <ul aria-label={`Labels to create in ${plan.repo}`} className="mt-1 space-y-1 text-sm">
            {plan.creates.map((label) => (
              <li key={label.name} className="flex flex-wrap items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-3.5 w-3.5 rounded-full border border-black/10"
                  style={{ backgroundColor: `#${label.color}` }}
                />
                <span className="font-medium">{label.name}</span>
                <span className="text-xs text-slate-500">#{label.color}</span>
                {label.description ? (
                  <span className="text-slate-600">{label.description}</span>
                ) : null}
              </li>
            ))}
          </ul>
          {plan.existingAlternatives.length > 0 ? (
            <Notice tone="info" as="div" className="mt-2">
              <p>
                {plan.existingAlternatives.length === 1
                  ? `${plan.repo} already has a label that commonly means the same; to use it rather than add a new one beside it, name it in the`
                  : `${plan.repo} already has labels that commonly mean the same; to use them rather than add new ones beside them, name them in the`}{' '}
                <Link
                  to={`/labels/scheme?repo=${encodeURIComponent(plan.repo)}`}
                  className="text-blue-700 underline"
                >
                  label scheme of {plan.repo}
                </Link>{' '}
                before applying:
              </p>
              <ul aria-label={`Existing labels in ${plan.repo}`} className="mt-1 list-disc pl-5">
                {plan.existingAlternatives.map((alternative) => (
                  <li key={alternative.create}>
                    “{alternative.existing}” instead of “{alternative.create}”
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
        </div>
      ) : null}
      {plan.quietIdeas.length > 0 ? (
        <div className="mt-2">
          <h3 className="text-sm font-semibold text-slate-700">Ideas in ideation: no labels</h3>
          <p className="text-xs text-slate-600">
            Only agreed efforts put <code>roadmap/…</code> and <code>priority/…</code> labels on
            GitHub; these ideas link issues here but add nothing until a round agrees them.
          </p>
          <ul aria-label={`Ideas in ideation in ${plan.repo}`} className="mt-1 space-y-1 text-sm">
            {plan.quietIdeas.map((idea) => (
              <li key={`${idea.id}-${idea.issueNumber}`}>
                <Link to={`/roadmap/ideas/${idea.id}`} className="text-blue-700 underline">
                  Idea {idea.id}: {idea.title}
                </Link>{' '}
                links #{idea.issueNumber}: adds no labels
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.issues.length > 0 ? (
        <ul
          aria-label={`Issues of ${plan.repo}`}
          className="mt-3 divide-y divide-slate-200 rounded border border-slate-200 bg-white"
        >
          {plan.issues.map((issue) => (
            <IssuePlan
              key={issue.issueId}
              repo={plan.repo}
              issue={issue}
              waiting={waiting}
              isDemoCopy={isDemoCopy}
            />
          ))}
        </ul>
      ) : null}
    </section>
  )
}

/** An issue's changes, each with its checkbox, and one box for all of them. */
function IssuePlan({
  repo,
  issue,
  waiting,
  isDemoCopy,
}: {
  repo: string
  issue: IssuePlanData
  waiting: Set<string>
  isDemoCopy: boolean
}) {
  const key = issueKey(repo, issue.number)
  return (
    <li className="p-3">
      <div className="flex flex-wrap items-baseline gap-2">
        <input
          type="checkbox"
          name="issue"
          value={key}
          id={`issue-${issue.issueId}`}
          aria-label={`Every change of ${repo}#${issue.number}`}
        />
        <a href={issue.url} rel="noreferrer" className="font-medium text-blue-700 underline">
          #{issue.number} {issue.title}
        </a>
      </div>
      <ul className="mt-1 space-y-0.5 pl-6 font-mono text-sm">
        {[
          ...issue.add.map((label) => ({ action: 'add' as const, label })),
          ...issue.remove.map((label) => ({ action: 'remove' as const, label })),
        ].map((change) => {
          const value = changeKey({ repo, number: issue.number, ...change })
          const isAdd = change.action === 'add'
          return (
            <li key={value}>
              <label className="flex items-baseline gap-2">
                <input type="checkbox" name="change" value={value} />
                <span className={isAdd ? 'text-green-800' : 'text-red-800'}>
                  <span aria-hidden="true">{isAdd ? '+' : '-'}</span>
                  <span className="sr-only">{isAdd ? 'add' : 'remove'}</span> {change.label}
                </span>
                {waiting.has(value) ? (
                  <span className="rounded bg-slate-100 px-1.5 font-sans text-xs text-slate-700">
                    {isDemoCopy ? 'queued, not sent: demo' : 'queued'}
                  </span>
                ) : null}
              </label>
              {isAdd ? (
                <ChangeReasons reasons={issue.reasons[change.label] ?? []} />
              ) : (
                <RemovalReason replacedBy={issue.replacedBy[change.label] ?? []} />
              )}
            </li>
          )
        })}
      </ul>
      {issue.base.length > 0 ? (
        <p className="mt-1 pl-6 text-xs text-slate-500">
          Board labels it carries now: {issue.base.join(', ')}
        </p>
      ) : null}
      {issue.leftAlone.length > 0 ? (
        <p className="mt-1 pl-6 text-xs text-slate-500">Left alone: {issue.leftAlone.join(', ')}</p>
      ) : null}
    </li>
  )
}

/** Why a board label goes: another of its kind takes its place, or nothing asks for it. */
function RemovalReason({ replacedBy }: { replacedBy: string[] }) {
  return (
    <p className="pl-6 font-sans text-xs text-slate-600">
      {replacedBy.length > 0
        ? `Why: the board now asks for ${listInWords(replacedBy)} instead.`
        : 'Why: no open starter project or agreed effort of this issue asks for it.'}
    </p>
  )
}

/** Why a label is added: each source asking for it. */
function ChangeReasons({ reasons }: { reasons: IssuePlanData['reasons'][string] }) {
  if (reasons.length === 0) return null
  return (
    <ul aria-label="Why" className="pl-6 font-sans text-xs text-slate-600">
      {reasons.map((reason) => (
        <li key={`${reason.kind}-${reason.id}-${reason.field}`}>
          Why:{' '}
          <Link
            to={reason.kind === 'effort' ? `/roadmap/ideas/${reason.id}` : `/starter/${reason.id}`}
            className="text-blue-700 underline"
          >
            {reason.kind === 'effort' ? 'agreed effort' : 'starter project'} “{reason.title}”
          </Link>
          , {reason.field}
          <SetByText setBy={reason.setBy} />
          {reason.linkedBy?.login ? (
            <>
              ; the issue linked by{' '}
              {handle({ login: reason.linkedBy.login, isDemo: reason.linkedBy.isDemo })}
              {reason.linkedBy.at ? ` on ${formatDate(reason.linkedBy.at)}` : ''}
              {/* After the date: a demo name carries its own brackets, so no second pair. */}
              {reason.linkedBy.isDemo ? ', a demo action' : ''}
            </>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/** `@login` for a GitHub person; a demo person by her demo name, as on every page. */
function handle(person: { login: string; isDemo: boolean }) {
  return person.isDemo ? personName(person) : `@${person.login}`
}

function SetByText({ setBy }: { setBy: IssuePlanData['reasons'][string][number]['setBy'] }) {
  if (!setBy || (setBy.login === null && setBy.at === null)) return null
  return (
    <>
      {setBy.login ? <> set by {handle({ login: setBy.login, isDemo: setBy.isDemo })}</> : ' set'}
      {setBy.at ? ` on ${formatDate(setBy.at)}` : ''}
      {/* After the date: a demo name carries its own brackets, so no second pair. */}
      {setBy.login && setBy.isDemo ? ', a demo action' : ''}
    </>
  )
}
