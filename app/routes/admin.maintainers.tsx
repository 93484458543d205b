import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'

import {
  changeMaintainerGrant,
  listAccountsWithPushAccess,
  listMaintainerGrants,
  listRoleAudit,
  listSeededDemoMaintainers,
} from '~/accounts/account.server'
import {
  DEMO_PEOPLE,
  isDemoMode,
  isOAuthConfigured,
  requireMaintainer,
} from '~/accounts/auth.server'
import { personName } from '~/accounts/person'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { DemoBadge } from '~/components/demo-badge'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { pageTitle } from '~/setup/board-name'
import { getEnv } from '~/utils/env.server'
import { formatDate } from '~/utils/format'
import { keepRetryAfter, Refusal, refusalInit } from '~/utils/refusal'
import { readForm } from '~/utils/request-input.server'

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/

const MaintainerChangeSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('grant'),
    login: z
      .string()
      .trim()
      .transform((value) => value.replace(/^@/, ''))
      .pipe(z.string().regex(LOGIN, 'That is not a GitHub login.')),
  }),
  z.object({ intent: z.literal('revoke'), login: z.string().regex(LOGIN) }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  const [grants, pushers, audit, seededDemoMaintainers] = await Promise.all([
    listMaintainerGrants(),
    listAccountsWithPushAccess(),
    listRoleAudit(),
    listSeededDemoMaintainers(),
  ])
  return json({
    configured: getEnv().BOARD_MAINTAINERS,
    grants,
    pushers,
    audit,
    // Without GitHub sign-in nobody's push access is ever checked; the demo people stand in.
    hasGitHubSignIn: isOAuthConfigured(),
    demoMaintainers: isDemoMode()
      ? DEMO_PEOPLE.filter((person) => person.role === 'maintainer').map((person) => person.name)
      : [],
    // The loaded demo's maintainers act in its seeded history whatever the sign-in: named while
    // their accounts exist, since pages show their ratings and answers.
    seededDemoMaintainers: seededDemoMaintainers.map((person) => person.name),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const parsed = MaintainerChangeSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) {
    return json(
      { ok: false, message: parsed.error.issues[0]?.message ?? 'Invalid request.' },
      { status: 400 },
    )
  }
  const { intent, login } = parsed.data
  if (intent === 'revoke' && login.toLowerCase() === user.login.toLowerCase()) {
    return json({ ok: false, message: 'You cannot remove yourself.' }, { status: 400 })
  }
  let changed: boolean
  try {
    await enforceWriteLimit(user, 'grant-maintainer')
    changed = await changeMaintainerGrant(user, intent, login)
  } catch (error) {
    // A spent write budget: said on the page, like the form's other refusals.
    if (!(error instanceof Refusal)) throw error
    return json({ ok: false, message: error.message }, refusalInit(error))
  }
  const message = !changed
    ? `${login} ${intent === 'grant' ? 'was already granted' : 'was not granted here'}: nothing changed.`
    : intent === 'revoke'
      ? `${login} is no longer a maintainer here.`
      : user.isDemo
        ? `${login} is granted as a demo action: it makes nobody a maintainer, outside the demo or in it.`
        : `${login} is now a maintainer.`
  return json({ ok: true, message })
}

export const headers = keepRetryAfter

export default function MaintainersRoute() {
  const {
    configured,
    grants,
    pushers,
    audit,
    hasGitHubSignIn,
    demoMaintainers,
    seededDemoMaintainers,
  } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">Maintainers</h1>
      <p className="mt-1 text-sm text-slate-600">
        Maintainers tag starter projects, run prioritisation rounds and apply labels to GitHub.
      </p>
      {demoMaintainers.length > 0 || seededDemoMaintainers.length > 0 ? (
        <section aria-labelledby="demo-maintainers" className="mt-4">
          <h2 id="demo-maintainers" className="font-semibold">
            Demo maintainers
          </h2>
          {demoMaintainers.length > 0 ? (
            <p className="text-sm text-slate-700">
              {demoMaintainers.join(' and ')}: demo people, not grants. Their accounts carry a demo
              role, which anyone may take from the sign-in page while the board runs in demo mode
              (GitHub sign-in is not configured), and what they do is a demo action. They are not
              listed below and stop working once GitHub sign-in is configured: real maintainers are
              added here, named in <code>BOARD_MAINTAINERS</code>, or can push to a mirrored
              repository.
            </p>
          ) : null}
          {seededDemoMaintainers.length > 0 ? (
            <>
              <ul className="mt-2 text-sm">
                {seededDemoMaintainers.map((name) => (
                  <li key={name}>
                    {name}
                    <DemoBadge>seeded demo person: nobody signs in as them</DemoBadge>
                  </li>
                ))}
              </ul>
              <p className="mt-1 text-sm text-slate-700">
                The demo loaded their ratings, answers and effort links, each shown as a demo
                action. They are maintainers by their demo accounts’ role, not by a grant: there is
                nothing here to remove, and their seeded history stays as it was loaded.
              </p>
            </>
          ) : null}
        </section>
      ) : null}
      {result ? <Notice tone={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      <Form method="post" className="mt-4 flex items-end gap-2">
        <label className="flex flex-col text-sm">
          <span className="font-medium">Add a maintainer (GitHub login)</span>
          <input
            name="login"
            required
            maxLength={40}
            className="mt-1 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button
          type="submit"
          name="intent"
          value="grant"
          className="rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white"
        >
          Add
        </button>
      </Form>

      <h2 className="mt-6 font-semibold">Granted here</h2>
      <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
        {grants.length === 0 ? <li className="px-3 py-2 text-slate-500">Nobody yet.</li> : null}
        {grants.map((grant) => (
          <li key={grant.login} className="flex items-center justify-between px-3 py-2">
            <span>
              {grant.login}{' '}
              <span className="text-slate-500">
                added {formatDate(grant.granted_at)}
                {grant.granted_by_login
                  ? ` by ${personName({ login: grant.granted_by_login, isDemo: grant.is_demo_grant })}`
                  : ''}
              </span>
              {grant.is_demo_grant ? (
                <DemoBadge>a demo action: it makes nobody a maintainer</DemoBadge>
              ) : null}
            </span>
            <Form method="post">
              <input type="hidden" name="login" value={grant.login} />
              <button type="submit" name="intent" value="revoke" className="text-red-700 underline">
                Remove
              </button>
            </Form>
          </li>
        ))}
      </ul>

      <h2 className="mt-6 font-semibold">Configured (BOARD_MAINTAINERS)</h2>
      <p className="text-sm text-slate-700">
        {configured.length > 0 ? configured.join(', ') : 'none'} — change these in the server’s
        settings.
      </p>

      <h2 className="mt-6 font-semibold">With push access to a mirrored repository</h2>
      <p className="text-sm text-slate-700">
        {pushers.length > 0
          ? `${pushers.map((p) => p.login).join(', ')} — checked on GitHub at sign-in and daily.`
          : hasGitHubSignIn
            ? 'Nobody who signed in with GitHub so far — checked on GitHub at sign-in and daily.'
            : 'Nobody: GitHub sign-in is not configured, so nobody’s push access is checked.'}
      </p>

      <h2 className="mt-6 font-semibold">History</h2>
      <ul className="mt-2 text-sm">
        {audit.map((entry) => (
          <li key={entry.id}>
            {formatDate(entry.at)}:{' '}
            {personName({ login: entry.actor_login, isDemo: entry.is_demo_action })}{' '}
            {entry.action === 'grant' ? 'added' : 'removed'} {entry.subject_login}
            {entry.is_demo_action ? <DemoBadge>a demo action</DemoBadge> : null}
          </li>
        ))}
      </ul>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Maintainers · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
