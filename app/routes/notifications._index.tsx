import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'

import { getCurrentUser, requireUser } from '~/accounts/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { countUnread, listFollows, listNotifications, markRead } from '~/notifications/inbox.server'
import { NotificationList } from '~/notifications/ui/notification-list'
import { pageTitle } from '~/setup/board-name'
import { idField } from '~/utils/id'
import { readForm, readQuery } from '~/utils/request-input.server'

const InboxActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('read'), id: idField('That is not a notification number.') }),
    z.object({ intent: z.literal('read-all') }),
  ],
  { errorMap: () => ({ message: 'That is not something this page can do.' }) },
)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request)
  if (!user) throw redirect(`/login?returnTo=${encodeURIComponent('/notifications')}`)
  const after = readQuery(request).get('after')
  const [page, unread] = await Promise.all([
    listNotifications(user.id, after),
    countUnread(user.id),
  ])
  // An empty inbox names what she follows (a claim follows its project): right after claiming,
  // "claim a starter project" read as if the claim had not counted.
  const following =
    page.items.length === 0 && !after
      ? (await listFollows(user.id)).filter((follow) => follow.following && follow.title !== null)
      : []
  return json({
    ...page,
    unread,
    isFirstPage: !after,
    isMaintainer: user.role === 'maintainer',
    following: following.map(({ title, link }) => ({ title: title!, link })),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = InboxActionSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) {
    return json(
      { ok: false, message: parsed.error.issues[0]?.message ?? 'Invalid request.' },
      { status: 400 },
    )
  }
  const changed = await markRead(user.id, parsed.data.intent === 'read' ? [parsed.data.id] : null)
  return json({
    ok: true,
    message: changed === 1 ? 'Marked read.' : `${changed} notifications marked read.`,
  })
}

export default function NotificationsRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">Inbox</h1>
      <p className="mt-1 text-slate-700">
        {data.unread === 0
          ? 'Nothing unread.'
          : `${data.unread} unread notification${data.unread === 1 ? '' : 's'}.`}{' '}
        <Link to="/me/settings" className="text-blue-700 underline">
          Choose what you are told, and how
        </Link>
        {' · '}
        <Link to="/me" className="text-blue-700 underline">
          My work
        </Link>
      </p>
      {result ? <Notice tone={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {data.unread > 0 ? (
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="read-all" />
          <button
            type="submit"
            className="inline-flex min-h-10 items-center rounded border border-slate-300 px-3 text-sm hover:bg-slate-100 sm:min-h-0 sm:py-1"
          >
            Mark all read
          </button>
        </Form>
      ) : null}
      <NotificationList
        items={data.items}
        isMaintainer={data.isMaintainer}
        following={data.following}
      />
      <nav aria-label="Inbox pages" className="mt-3 flex gap-4 text-sm">
        {data.isFirstPage ? null : (
          <Link to="/notifications" className="text-blue-700 underline">
            Newest
          </Link>
        )}
        {data.next ? (
          <Link to={`?after=${data.next}`} className="text-blue-700 underline">
            Older
          </Link>
        ) : null}
      </nav>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Inbox · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
