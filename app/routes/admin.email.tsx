import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'

import { requireMaintainer } from '~/accounts/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { TableScroll } from '~/components/table-scroll'
import { getEmailOutboxReport, retryFailedEmail } from '~/notifications/email/outbox.server'
import { isEmailConfigured } from '~/notifications/notify.server'
import { pageTitle } from '~/setup/board-name'
import { formatDateTime } from '~/utils/format'
import { readForm } from '~/utils/request-input.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  return json({ ...(await getEmailOutboxReport()), sendsEmail: isEmailConfigured() })
}

export async function action({ request }: ActionFunctionArgs) {
  await requireMaintainer(request)
  const form = await readForm(request)
  if (form.get('intent') !== 'retry') {
    return json({ message: 'That is not something this page can do.' }, { status: 400 })
  }
  const count = await retryFailedEmail(new Date())
  return json({ message: `${count} failed email notice${count === 1 ? '' : 's'} queued again.` })
}

export default function AdminEmailRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-bold">Notification email</h1>
      <p className="mt-1 text-slate-700">
        {data.sendsEmail
          ? 'Email goes out through SMTP_URL, at most one per person an hour.'
          : 'SMTP_URL is not set: the board sends no email.'}{' '}
        Waiting: {data.counts.pending ?? 0}, being sent: {data.counts.sending ?? 0}, sent:{' '}
        {data.counts.sent ?? 0}, failed: {data.counts.failed ?? 0}.
      </p>
      {result ? <Notice tone="info">{result.message}</Notice> : null}
      <h2 className="mt-6 text-lg font-semibold">Failed (after every retry)</h2>
      {data.failed.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">Nothing has failed.</p>
      ) : (
        <>
          <Form method="post" className="mt-2">
            <input type="hidden" name="intent" value="retry" />
            <button
              type="submit"
              className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
            >
              Send the failed ones again
            </button>
          </Form>
          <TableScroll className="mt-2">
            <table className="text-sm">
              <thead>
                <tr className="text-left">
                  <th className="p-1">To</th>
                  <th className="p-1">Notice</th>
                  <th className="p-1">Attempts</th>
                  <th className="p-1">Reason</th>
                  <th className="p-1">Last tried</th>
                </tr>
              </thead>
              <tbody>
                {data.failed.map((row) => (
                  <tr key={row.id} className="border-t border-slate-200 align-top">
                    <td className="p-1">
                      {row.login}
                      {row.email ? ` <${row.email}>` : ''}
                    </td>
                    <td className="p-1">{row.title}</td>
                    <td className="p-1">{row.attempts}</td>
                    <td className="break-all p-1">{row.last_error}</td>
                    <td className="p-1">{formatDateTime(row.next_attempt_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Notification email · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
