import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { checkUnsubscribeToken, unsubscribe } from '~/notifications/email/unsubscribe.server'
import { pageTitle } from '~/setup/board-name'
import { readForm, readQuery } from '~/utils/request-input.server'

// Works without signing in: the signed token in the link says who and which kind. Opening the
// link only asks; the button (or a mail client's one-click POST) changes the setting, so a link
// scanner fetching the page changes nothing.

export async function loader({ request }: LoaderFunctionArgs) {
  const token = readQuery(request).get('token')
  const check = await checkUnsubscribeToken(token, new Date())
  if (!check.ok)
    return json({ ok: false as const, message: check.message, token: '' }, { status: 400 })
  return json({ ok: true as const, message: check.label, token: token! })
}

export async function action({ request }: ActionFunctionArgs) {
  // A mail client's one-click unsubscribe posts to the link itself, token in the query.
  const form = await readForm(request)
  const token = String(form.get('token') ?? readQuery(request).get('token') ?? '')
  const check = await checkUnsubscribeToken(token, new Date())
  if (!check.ok) return json({ ok: false, message: check.message }, { status: 400 })
  if (!(await unsubscribe(check))) {
    return json(
      { ok: false, message: 'That account no longer exists: nothing to stop.' },
      { status: 404 },
    )
  }
  return json({
    ok: true,
    message: `Done: no more email for “${check.label}”. These notices still appear in your inbox on the board.`,
  })
}

export default function UnsubscribeRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold">Stop an email notification</h1>
      {result ? (
        <Notice tone={result.ok ? 'success' : 'error'}>{result.message}</Notice>
      ) : data.ok ? (
        <Form method="post" className="mt-3">
          <input type="hidden" name="token" value={data.token} />
          <p>Stop emails for “{data.message}”?</p>
          <button type="submit" className="mt-2 rounded bg-blue-700 px-3 py-1 text-sm text-white">
            Stop these emails
          </button>
        </Form>
      ) : (
        <Notice tone="error">{data.message}</Notice>
      )}
      <p className="mt-4 text-sm">
        <Link to="/me/settings" className="text-blue-700 underline">
          All notification settings
        </Link>{' '}
        (sign-in needed)
      </p>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Stop an email notification · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
