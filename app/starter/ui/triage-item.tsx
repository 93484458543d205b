import { Form, Link } from '@remix-run/react'

import { DemoBadge } from '~/components/demo-badge'
import { LabelChip } from '~/components/label-chip'
import { LinkedText } from '~/components/linked-text'
import type { Rubric } from '~/starter/rubric'
import { countOf, formatDate, listInWords } from '~/utils/format'

import { mentorsHint } from './project-form'
import { KEYBOARD_ONLY } from './triage-shortcuts'

// One item of the triage queue: what it is (summary, the linked issue's text and labels, its
// repositories), the choices with the rubric's sentence beside each star, and "not a starter
// project". Plain forms: they work without JavaScript; the shortcuts only fill them in.

type TriageItemData = {
  kind: 'project' | 'issue'
  projectId: number | null
  title: string
  repos: string[]
  missing: string[]
  /** Its mentors when none of them can be reached (names alone): what "missing" means there. */
  unreachableMentors: string[]
  /** Handles written beside those names that someone on the board's trackers goes by. */
  loginHints: { mentor: string; login: string; opened: number }[]
  legacyNote: string | null
  rating: { by: string | null; isDemo: boolean; at: string } | null
  version: string
  summaryHtml: string | null
  issueHtml: string | null
  issue: {
    repo: string
    number: number
    title: string
    state: string
    html_url: string
    labels: { name: string; color: string }[]
  } | null
  values: {
    languageStars: string
    domainStars: string
    size: string
    primaryDomain: string
    mentors: string
    mentorContact: string
  }
}

const AXIS_FIELDS = { language: 'languageStars', domain: 'domainStars' } as const
const SIZE_KEYS: Record<string, string> = { day: 'd', week: 'w', month: 'm', elastic: 'e' }

export function TriageItemView({
  item,
  reasons,
  position,
  action,
  skipHref,
  rubric,
  domains,
  languageName,
  reasonMax,
  viewerLogin,
}: {
  item: TriageItemData
  reasons: string[]
  position: string
  action: string
  skipHref: string
  rubric: Rubric
  domains: string[]
  languageName: string
  reasonMax: number
  /** The signed-in person's login, the mentors hint's example. */
  viewerLogin: string
}) {
  const issueLink = item.issue ? `/repos/${item.issue.repo}/issues/${item.issue.number}` : null
  return (
    <article aria-labelledby="triage-item-title" className="mt-3 grid gap-6 lg:grid-cols-2">
      <section className="min-w-0">
        <p className="text-sm text-slate-500">
          {item.kind === 'project' ? (
            <>
              Starter project #{item.projectId} · missing: {item.missing.join(', ')}
            </>
          ) : (
            <>Candidate issue {item.issue ? `${item.issue.repo}#${item.issue.number}` : null}</>
          )}
        </p>
        <h2 id="triage-item-title" className="text-xl font-semibold">
          {item.projectId !== null ? (
            <Link to={`/starter/${item.projectId}`} className="text-blue-700 hover:underline">
              {item.title}
            </Link>
          ) : (
            item.title
          )}
        </h2>
        {reasons.length > 0 ? (
          <p className="mt-1 text-sm text-slate-700">Why it is here: {reasons.join(' · ')}</p>
        ) : null}
        {item.summaryHtml ? (
          <div
            className="prose prose-sm mt-2 max-w-none"
            // Rendered from markdown through the sanitiser on the server.
            dangerouslySetInnerHTML={{ __html: item.summaryHtml }}
          />
        ) : item.kind === 'project' ? (
          <p className="mt-2 text-sm italic text-slate-500">No summary yet.</p>
        ) : null}
        {item.legacyNote ? (
          // Its parts (an old rating, the status as the notes put it) are on lines of their own.
          <p className="mt-2 whitespace-pre-line rounded border border-slate-200 bg-slate-100 p-2 text-sm">
            <span className="font-medium">Historical note (kept as it was written):</span>{' '}
            <LinkedText text={item.legacyNote} />
          </p>
        ) : null}
        <p className="mt-2 text-sm">
          <span className="text-slate-500">Repositories: </span>
          {item.repos.length > 0 ? item.repos.join(', ') : 'none given'}
        </p>
        {item.issue && issueLink ? (
          <section
            aria-label="Linked issue"
            className="mt-3 rounded border border-slate-200 bg-white p-3"
          >
            <p className="text-sm">
              <Link to={issueLink} className="font-medium text-blue-700 hover:underline">
                {item.issue.repo}#{item.issue.number}: {item.issue.title}
              </Link>{' '}
              <span className="text-slate-500">({item.issue.state})</span>
            </p>
            {item.issue.labels.length > 0 ? (
              <ul aria-label="Labels" className="mt-2 flex flex-wrap gap-2">
                {item.issue.labels.map((label) => (
                  <li key={label.name}>
                    <LabelChip name={label.name} color={label.color} />
                  </li>
                ))}
              </ul>
            ) : null}
            {item.issueHtml ? (
              <div
                className="prose prose-sm mt-2 max-h-96 max-w-none overflow-y-auto"
                dangerouslySetInnerHTML={{ __html: item.issueHtml }}
              />
            ) : (
              <p className="mt-2 text-sm italic text-slate-500">The issue has no description.</p>
            )}
          </section>
        ) : null}
      </section>

      <section className="min-w-0 space-y-4">
        <Form
          method="post"
          action={action}
          id="triage-form"
          aria-label="Triage this item"
          className="space-y-4"
        >
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="position" value={position} />
          <input type="hidden" name="version" value={item.version} />
          {item.rating ? (
            // The choices below start from these ratings: whose they are, as the project page says.
            <p className="text-sm text-slate-600" data-testid="current-rating">
              Filled in with the current ratings
              {item.rating.by ? `, by ${item.rating.by}` : ''} on {formatDate(item.rating.at)}.
              {item.rating.isDemo ? (
                <DemoBadge>a demo action, not a MirageOS decision</DemoBadge>
              ) : null}
            </p>
          ) : null}
          {rubric.axes.map((axis) => {
            const field = AXIS_FIELDS[axis.axis]
            const shift = axis.axis === 'domain' ? 'Shift+' : ''
            return (
              <fieldset key={axis.axis}>
                <legend className="text-sm font-medium">
                  {axis.title}
                  {/* The domain is chosen after the stars here (the tagging form asks it first). */}
                  {axis.axis === 'domain' ? (
                    <span className="font-normal text-slate-600">
                      : how hard in its primary domain, chosen below
                    </span>
                  ) : null}
                </legend>
                <div className="mt-1 divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
                  {axis.levels.map((level) => (
                    <label key={level.stars} className="flex items-start gap-2 p-2">
                      <input
                        type="radio"
                        name={field}
                        value={String(level.stars)}
                        defaultChecked={item.values[field] === String(level.stars)}
                        className="mt-1"
                      />
                      <span>
                        <span className="font-medium">
                          {level.stars}★{' '}
                          <kbd className={`text-xs text-slate-500 ${KEYBOARD_ONLY}`}>
                            {shift}
                            {level.stars}
                          </kbd>
                        </span>
                        <span className="block text-slate-600">{level.description}</span>
                      </span>
                    </label>
                  ))}
                  <label className="flex items-start gap-2 p-2">
                    <input
                      type="radio"
                      name={field}
                      value="unrated"
                      defaultChecked={!['1', '2', '3'].includes(item.values[field])}
                      className="mt-1"
                    />
                    <span>
                      <span className="font-medium">
                        Unrated{' '}
                        <kbd className={`text-xs text-slate-500 ${KEYBOARD_ONLY}`}>{shift}0</kbd>
                      </span>
                      <span className="block text-slate-600">{axis.unrated}</span>
                    </span>
                  </label>
                </div>
              </fieldset>
            )
          })}

          <fieldset>
            <legend className="text-sm font-medium">Size</legend>
            <div className="mt-1 grid grid-cols-1 divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
              {rubric.sizes.map((size) => (
                <label key={size.size} className="flex items-start gap-2 p-2">
                  <input
                    type="radio"
                    name="size"
                    value={size.size}
                    defaultChecked={item.values.size === size.size}
                    className="mt-1"
                  />
                  <span>
                    <span className="font-medium">
                      {size.label}{' '}
                      <kbd className={`text-xs text-slate-500 ${KEYBOARD_ONLY}`}>
                        {SIZE_KEYS[size.size]}
                      </kbd>
                    </span>
                    <span className="block text-slate-600">{size.description}</span>
                  </span>
                </label>
              ))}
              <label className="flex items-start gap-2 p-2">
                <input
                  type="radio"
                  name="size"
                  value=""
                  defaultChecked={!Object.keys(SIZE_KEYS).includes(item.values.size)}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium">
                    Unknown <kbd className={`text-xs text-slate-500 ${KEYBOARD_ONLY}`}>u</kbd>
                  </span>
                  <span className="block text-slate-600">{rubric.unknownSize}</span>
                </span>
              </label>
            </div>
          </fieldset>

          <div className="grid gap-4 sm:grid-cols-2">
            <label className="block text-sm">
              <span className="font-medium">
                Primary domain <kbd className={`text-xs text-slate-500 ${KEYBOARD_ONLY}`}>p</kbd>
              </span>
              <select
                name="primaryDomain"
                defaultValue={item.values.primaryDomain}
                className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1"
              >
                {item.values.primaryDomain === '' ? (
                  <option value="">Choose a domain</option>
                ) : null}
                {domains.map((domain) => (
                  <option key={domain} value={domain}>
                    {domain}
                  </option>
                ))}
              </select>
            </label>
            <label className="block text-sm">
              <span className="font-medium">
                Mentors <kbd className={`text-xs text-slate-500 ${KEYBOARD_ONLY}`}>t</kbd>
              </span>
              <span className="block text-xs text-slate-500">{mentorsHint(viewerLogin)}</span>
              <textarea
                name="mentors"
                rows={2}
                defaultValue={item.values.mentors}
                aria-describedby={
                  item.unreachableMentors.length > 0 ? 'triage-unreachable-mentors' : undefined
                }
                className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
              />
            </label>
            <label className="block text-sm">
              <span className="font-medium">Mentor contact</span>
              <span className="block text-xs text-slate-500">
                a chat room, mailing list or web address where the mentors answer; shown to
                signed-in people only
              </span>
              <input
                type="text"
                name="mentorContact"
                defaultValue={item.values.mentorContact}
                maxLength={300}
                className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
              />
            </label>
          </div>
          {item.unreachableMentors.length > 0 && item.projectId !== null ? (
            // Names from an old list: the project counts as unmentored for newcomers (the finder,
            // its page), so say why it is here and what makes a mentor reachable.
            <div id="triage-unreachable-mentors" className="space-y-1 text-sm text-amber-900">
              <p>
                {listInWords(item.unreachableMentors)}{' '}
                {item.unreachableMentors.length === 1 ? 'is a name' : 'are names'} only: no way to
                reach {item.unreachableMentors.length === 1 ? 'this mentor' : 'them'} is given, so a
                newcomer has nobody to ask. Write a mentor as an @login, name someone with an
                account here, or give a mentor contact above.
              </p>
              {item.loginHints.map((hint) => (
                <p key={`${hint.mentor} ${hint.login}`}>
                  “{hint.mentor}”: {hint.login} opened{' '}
                  {countOf(hint.opened, 'issue or pull request', 'issues or pull requests')} on this
                  board&rsquo;s trackers. If that is this mentor on GitHub, write{' '}
                  <code>@{hint.login}</code> in their place.
                </p>
              ))}
            </div>
          ) : null}

          <div className="flex flex-wrap items-center gap-4">
            <button
              type="submit"
              className="rounded bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800"
            >
              {item.kind === 'project' ? 'Save and next' : 'Make it a starter project'}{' '}
              <kbd className={`text-xs opacity-80 ${KEYBOARD_ONLY}`}>s</kbd>
            </button>
            <Link to={skipHref} className="text-sm text-blue-700 underline">
              Skip for now <kbd className={`text-xs text-slate-500 ${KEYBOARD_ONLY}`}>j</kbd>
            </Link>
          </div>
          <p className="text-xs text-slate-500">
            {languageName} and domain ratings are recorded with your name in the project’s rating
            history.
          </p>
          <p className="text-xs text-slate-500">
            {/* Labels follow an attached issue only: say so before she rates a dozen for nothing. */}
            {item.issue ? (
              <>
                Its labels for {item.issue.repo}#{item.issue.number} then wait in the{' '}
                <Link to="/labels" className="underline">
                  label plan
                </Link>
                , sent to GitHub only once you apply them there.
              </>
            ) : (
              <>
                No labels go to GitHub for this project: it is attached to no issue.
                {item.projectId !== null ? (
                  <>
                    {' '}
                    Attach one on its{' '}
                    <Link to={`/starter/${item.projectId}/edit`} className="underline">
                      edit page
                    </Link>{' '}
                    to label it.
                  </>
                ) : null}
              </>
            )}
          </p>
        </Form>

        <Form
          method="post"
          action={action}
          id="triage-dismiss-form"
          aria-label="Not a starter project"
          className="rounded border border-slate-200 bg-slate-50 p-3"
        >
          <input type="hidden" name="intent" value="dismiss" />
          <input type="hidden" name="position" value={position} />
          <input type="hidden" name="version" value={item.version} />
          <label className="block text-sm">
            <span className="font-medium">
              Not a starter project{' '}
              <kbd className={`text-xs text-slate-500 ${KEYBOARD_ONLY}`}>n</kbd>: why?
            </span>
            <span className="block text-xs text-slate-500">
              {item.kind === 'project'
                ? 'The project is retired (inactive) and your reason kept.'
                : 'The issue leaves the queue and the candidates list; your reason is kept.'}
            </span>
            <input
              type="text"
              name="reason"
              required
              maxLength={reasonMax}
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <button
            type="submit"
            className="mt-2 rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
          >
            Not a starter project
          </button>
        </Form>
      </section>
    </article>
  )
}
