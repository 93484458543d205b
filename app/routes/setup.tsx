import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { requireMaintainer } from '~/accounts/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { TableScroll } from '~/components/table-scroll'
import { pageTitle } from '~/setup/board-name'
import {
  APP_EVENTS,
  APP_PERMISSIONS,
  appManifest,
  checkSettings,
  type SetupCheck,
} from '~/setup/checks'
import { checkDemoDatabase, checkGitHubApp, checkGitHubToken } from '~/setup/checks.server'
import { getSyncScheduler } from '~/sync/scheduler.server'
import { getWebhookSecretMismatch } from '~/sync/webhooks.server'
import { getEnv } from '~/utils/env.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  const env = getEnv()
  // What the last sweep met, as /sync shows it: a token GitHub refuses is not a setting done;
  // nor is a webhook secret GitHub's deliveries are not signed with.
  const checks = checkSettings(
    env,
    getSyncScheduler()?.status() ?? null,
    getWebhookSecretMismatch(),
  )
  // GitHub's own word on the token now outranks what the last sweep (if any) met.
  const [tokenCheck, appCheck, databaseCheck] = await Promise.all([
    checkGitHubToken(env),
    checkGitHubApp(env),
    checkDemoDatabase(env),
  ])
  if (tokenCheck)
    checks.splice(
      checks.findIndex((check) => check.id === tokenCheck.id),
      1,
      tokenCheck,
    )
  if (appCheck) checks.splice(1, 0, appCheck)
  // The README's first step: every other setting is wasted on the demo's database.
  if (databaseCheck) checks.unshift(databaseCheck)
  const publicUrl = env.PUBLIC_URL ?? new URL(request.url).origin
  return json({
    checks,
    manifest: JSON.stringify(appManifest(publicUrl), null, 2),
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    publicUrl,
  })
}

const STATUS_TEXT: Record<SetupCheck['status'], string> = {
  ok: 'Set',
  missing: 'Missing',
  failing: 'Failing',
  optional: 'Optional',
  'used-up': 'Used up',
  'read-only': 'Read-only',
}

const STATUS_STYLES: Record<SetupCheck['status'], string> = {
  ok: 'bg-green-100 text-green-800',
  missing: 'bg-red-100 text-red-800',
  failing: 'bg-red-100 text-red-800',
  optional: 'bg-slate-100 text-slate-700',
  'used-up': 'bg-amber-100 text-amber-800',
  'read-only': 'bg-amber-100 text-amber-800',
}

export default function SetupRoute() {
  const { checks, manifest, permissions, events, publicUrl } = useLoaderData<typeof loader>()
  // A read-only token syncs, but every label change fails on GitHub: that too needs attention.
  const toFix = checks.filter((check) => ['missing', 'failing', 'read-only'].includes(check.status))
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">Set up the board</h1>
      {toFix.length === 0 ? (
        <Notice tone="success">Every setting the board needs is there.</Notice>
      ) : (
        <Notice tone="warning">
          {toFix.length} {toFix.length === 1 ? 'thing needs' : 'things need'} attention:{' '}
          {toFix.map((check) => check.settings.join(' / ')).join('; ')}.
        </Notice>
      )}
      <ul className="mt-4 space-y-3">
        {checks.map((check) => (
          <li key={check.id} className="rounded border border-slate-200 p-3">
            <p className="text-sm">
              <span
                className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_STYLES[check.status]}`}
              >
                {STATUS_TEXT[check.status]}
              </span>{' '}
              {check.settings.map((setting, index) => (
                <span key={setting}>
                  {index > 0 ? ', ' : ''}
                  <code>{setting}</code>
                </span>
              ))}
            </p>
            <p className="mt-1 text-sm text-slate-700">{check.message}</p>
          </li>
        ))}
      </ul>

      {/* The alternative to GITHUB_TOKEN, which the README and the checks above lead with. */}
      <h2 className="mt-8 text-lg font-semibold">Or create a GitHub App instead of a token</h2>
      <p className="mt-2 text-sm text-slate-700">
        A GitHub App acts as itself rather than as the person whose token <code>GITHUB_TOKEN</code>{' '}
        is, with a rate limit per installation; the installations say what to mirror.
      </p>
      <ol className="mt-2 list-decimal space-y-1 pl-6 text-sm text-slate-700">
        <li>
          On GitHub, your organisation’s{' '}
          <em>Settings → Developer settings → GitHub Apps → New GitHub App</em>.
        </li>
        <li>
          Webhook URL <code>{publicUrl}/webhooks/github</code>, with a secret that you also set as{' '}
          <code>GITHUB_WEBHOOK_SECRET</code>.
        </li>
        <li>
          Repository permissions:{' '}
          {Object.entries(permissions)
            .filter(([name]) => name !== 'members')
            .map(([name, level]) => `${name} ${level === 'write' ? 'read and write' : 'read-only'}`)
            .join(', ')}
          ; organisation permission: members read-only (for the maintainer checks).
        </li>
        <li>Subscribe to the events: {events.join(', ')} (installation events always come).</li>
        <li>
          Create it, note its App ID (<code>GITHUB_APP_ID</code>), generate a private key and set
          its file’s path or text as <code>GITHUB_APP_PRIVATE_KEY</code>.
        </li>
        <li>Install it on the organisations or repositories the board should mirror.</li>
      </ol>
      <p className="mt-3 text-sm text-slate-700">
        Or create it from this manifest (GitHub’s “create a GitHub App from a manifest” flow), which
        holds the same permissions, events and addresses:
      </p>
      <TableScroll className="mt-2 rounded bg-slate-100 [--scroll-cover:theme(colors.slate.100)]">
        <pre className="p-3 text-xs">{manifest}</pre>
      </TableScroll>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Set up · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
