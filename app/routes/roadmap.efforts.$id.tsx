import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'

import { getCurrentUser, requireMaintainer, requireUser } from '~/accounts/auth.server'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formFields, invalidForm, runAction, type ActionResult } from '~/roadmap/actions.server'
import { EFFORT_STATUSES, isEffortStatus, STATUS_WORDS } from '~/roadmap/effort-status'
import {
  getEffort,
  linkEffortIssues,
  listOwnerSuggestions,
  setEffortOwners,
  setEffortStatus,
  setEffortTarget,
} from '~/roadmap/effort.server'
import { Card } from '~/roadmap/ui/card'
import { DecidedIn } from '~/roadmap/ui/decided-in'
import { DemoDecisionBadge } from '~/roadmap/ui/demo-decision'
import { EffortBurnUp, EffortSummary } from '~/roadmap/ui/effort-facts'
import { EffortOwnersForm } from '~/roadmap/ui/effort-owners-form'
import { FormResult } from '~/roadmap/ui/form-result'
import { inputClass, secondaryButtonClass } from '~/roadmap/ui/form-styles'
import { IdeaTitle } from '~/roadmap/ui/idea-title'
import { LinkedIssues, Progress } from '~/roadmap/ui/linked-issues'
import { MaintainerPanel } from '~/roadmap/ui/maintainer-panel'
import { pageTitle } from '~/setup/board-name'
import { formatDate } from '~/utils/format'
import { parseId } from '~/utils/id'
import { renderMarkdown } from '~/utils/markdown.server'
import { keepRetryAfter, refuse } from '~/utils/refusal'
import { readForm } from '~/utils/request-input.server'

// An agreed effort: its status, owners, target date, burn-up and linked issues for everyone; the
// forms that keep them for maintainers. The rules and refusals live in app/roadmap/effort*.ts.

const EffortActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('status'), status: z.string().default('') }),
  z.object({ intent: z.literal('owners'), owners: z.string().max(2000).default('') }),
  z.object({ intent: z.literal('target'), targetDate: z.string().max(40).default('') }),
  z.object({ intent: z.literal('link'), links: z.string().max(5000).default('') }),
])

function effortIdOf(params: { id?: string }) {
  const id = parseId(params.id)
  if (id === null) throw new Response(`"${params.id}" is not an effort number.`, { status: 404 })
  return id
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = effortIdOf(params)
  const user = await getCurrentUser(request)
  const effort = await getEffort(id)
  if (!effort)
    throw new Response(
      `There is no effort ${id}: an effort is an idea agreed in a round, and there is no idea ${id}.`,
      { status: 404 },
    )
  if ('notAgreed' in effort) throw new Response(effort.notAgreed, { status: 404 })
  const isMaintainer = user?.role === 'maintainer'
  return json({
    idea: {
      id: effort.idea.id,
      title: effort.idea.title,
      is_verbatim: effort.idea.is_verbatim,
      area_name: effort.idea.area_name,
      target_name: effort.idea.target_name,
      target_slug: effort.idea.target_slug,
      links: effort.idea.links,
    },
    decision: effort.decision,
    // Why it was agreed, as the roadmap's card gives it: a reader from a link lands here first.
    rationaleHtml: renderMarkdown(effort.decision.rationale),
    facts: effort.facts,
    events: effort.events,
    isMaintainer,
    // Only the maintainers' form offers them: who has an account is not for everyone to list.
    ownerSuggestions: isMaintainer ? await listOwnerSuggestions(id) : [],
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = effortIdOf(params)
  const form = await readForm(request)
  const fields = formFields(form)
  // The owners form has a box per login, all named "owners": read them all, as one list.
  if (form.has('owners')) fields.owners = form.getAll('owners').filter(isText).join(', ')
  const parsed = EffortActionSchema.safeParse(fields)
  if (!parsed.success) {
    await requireUser(request)
    return invalidForm(parsed.error, fields)
  }
  const input = parsed.data
  const user = await requireMaintainer(request)
  switch (input.intent) {
    case 'status':
      return runAction(fields, async () => {
        await enforceWriteLimit(user, 'round')
        const status = input.status.trim()
        if (status !== '' && !isEffortStatus(status)) {
          refuse(`"${status}" is not a status: choose planned, in-progress, done or dropped.`)
        }
        await setEffortStatus(id, status === '' ? null : status, user)
        return status === ''
          ? 'Status override cleared: the linked issues say the status again.'
          : `Status set to “${STATUS_WORDS[status]}”.`
      })
    case 'owners':
      return runAction(fields, async () => {
        await enforceWriteLimit(user, 'round')
        const owners = await setEffortOwners(id, input.owners.split(/[\s,]+/), user)
        return owners.length > 0 ? `Owners: ${owners.join(', ')}.` : 'Owners cleared.'
      })
    case 'target':
      return runAction(fields, async () => {
        await enforceWriteLimit(user, 'round')
        const day = input.targetDate.trim()
        await setEffortTarget(id, day === '' ? null : day, user)
        return day === '' ? 'Target date cleared.' : `Target date set to ${formatDate(day)}.`
      })
    case 'link':
      return runAction(fields, async () => {
        await enforceWriteLimit(user, 'round')
        const { linked, notMirrored } = await linkEffortIssues(id, input.links, user)
        // A typo links quietly as "not mirrored": named here, the maintainer sees it at once.
        const unknown =
          notMirrored.length === 0
            ? ''
            : ` Not in the mirror, so ${notMirrored.length === 1 ? 'its' : 'their'} state is unknown (check for a typo): ${notMirrored.join(', ')}.`
        return `Linked ${linked.join(', ')}.${unknown}`
      })
  }
}

const isText = (value: FormDataEntryValue): value is string => typeof value === 'string'

export const headers = keepRetryAfter

export default function EffortRoute() {
  const { idea, decision, rationaleHtml, facts, events, isMaintainer, ownerSuggestions } =
    useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionResult | undefined
  return (
    <article className="max-w-3xl">
      <p className="text-sm">
        <Link to={`/roadmap?target=${idea.target_slug}`} className="text-blue-700 underline">
          Roadmap: {idea.target_name}
        </Link>{' '}
        › {idea.area_name}
      </p>
      <h1 className="mt-1 text-2xl font-bold">
        <IdeaTitle title={idea.title} isVerbatim={idea.is_verbatim} />{' '}
        <span className="font-normal text-slate-500">effort (idea {idea.id})</span>
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        Agreed{' '}
        <DecidedIn
          decidedAt={decision.decided_at}
          roundId={decision.round_id}
          roundName={decision.round_name}
        />
        {decision.is_demo_decision ? <DemoDecisionBadge /> : null}. The idea, its discussion and
        history:{' '}
        <Link to={`/roadmap/ideas/${idea.id}`} className="text-blue-700 underline">
          idea {idea.id}
        </Link>
        .
      </p>
      <p className="mt-1 text-sm text-slate-600">
        {/* What the page is for, said where the roadmap says it: a link may lead here first. */}
        An <dfn className="font-medium not-italic">effort</dfn> is an idea the maintainers agreed on
        in a round, and the GitHub issues linked to it that carry it out. Its status comes from
        those issues, unless a maintainer says otherwise.
      </p>
      <FormResult result={result} />

      <Card className="mt-4">
        <EffortSummary facts={facts} />
        <div className="mt-2">
          <Progress {...facts.progress} />
          <EffortBurnUp title={idea.title} facts={facts} />
        </div>
        <LinkedIssues links={idea.links} label="Linked issues" />
      </Card>

      <section aria-labelledby="rationale" className="mt-6">
        <h2 id="rationale" className="font-semibold">
          Why it was agreed
        </h2>
        <p className="text-sm text-slate-600">The rationale the decision recorded:</p>
        <div
          className="markdown-body mt-1 border-l-4 border-slate-200 pl-3 text-sm"
          dangerouslySetInnerHTML={{ __html: rationaleHtml }}
        />
      </section>

      {isMaintainer ? (
        <EffortMaintainerForms facts={facts} result={result} ownerSuggestions={ownerSuggestions} />
      ) : null}

      {events.length > 0 ? (
        <section aria-labelledby="changes" className="mt-6">
          <h2 id="changes" className="font-semibold">
            Changes by maintainers
          </h2>
          <ul className="mt-1 text-sm text-slate-700">
            {events.map((event) => (
              <li key={event.id}>
                <time dateTime={event.at}>{formatDate(event.at)}</time>: {event.detail}
                {event.isDemo ? ' (a demo action)' : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  )
}

function EffortMaintainerForms({
  facts,
  result,
  ownerSuggestions,
}: {
  facts: ReturnType<typeof useLoaderData<typeof loader>>['facts']
  result: ActionResult | undefined
  ownerSuggestions: ReturnType<typeof useLoaderData<typeof loader>>['ownerSuggestions']
}) {
  // Once linked, the box starts empty (a new key remounts it: each link's notice names new refs,
  // so two links in a row differ); a refused link keeps what was typed, to correct it.
  const isLinked = result?.ok === true && result.intent === 'link'
  return (
    <MaintainerPanel>
      <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          <span className="font-medium">Status</span>
          <select name="status" defaultValue={facts.override?.status ?? ''} className={inputClass}>
            <option value="">From the linked issues ({STATUS_WORDS[facts.derivedStatus]})</option>
            {EFFORT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_WORDS[status]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" name="intent" value="status" className={secondaryButtonClass}>
          Set status
        </button>
      </Form>
      <EffortOwnersForm
        owners={facts.owners.map((owner) => owner.login)}
        suggestions={ownerSuggestions}
        refused={
          result?.ok === false && result.fields?.intent === 'owners'
            ? {
                typed: result.fields.owners ?? '',
                logins: result.fieldErrors?.owners?.split(' ') ?? [],
              }
            : null
        }
      />
      <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          <span className="font-medium">Target date (blank: none)</span>
          <input
            type="date"
            name="targetDate"
            defaultValue={facts.targetDate ?? ''}
            className={inputClass}
          />
        </label>
        <button type="submit" name="intent" value="target" className={secondaryButtonClass}>
          Save target
        </button>
      </Form>
      <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          <span className="font-medium">Link more issues (owner/name#123, one per line)</span>
          <textarea
            name="links"
            key={isLinked ? result.message : 'draft'}
            defaultValue={result?.ok === false ? result.fields?.links : undefined}
            rows={2}
            maxLength={5000}
            className={`${inputClass} w-72 max-w-full`}
          />
        </label>
        <button type="submit" name="intent" value="link" className={secondaryButtonClass}>
          Link
        </button>
      </Form>
    </MaintainerPanel>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(`${data?.idea.title ?? 'Effort'} · Roadmap · Pioneer Board`, matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
