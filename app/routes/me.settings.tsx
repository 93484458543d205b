import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'

import {
  forgetEmailOffer,
  getCurrentUser,
  getEmailOffer,
  requireUser,
  safeReturnTo,
} from '~/accounts/auth.server'
import { EmailSchema, getAccountEmail, setAccountEmail } from '~/accounts/email.server'
import { EmailOffer } from '~/accounts/ui/email-offer'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { listFeeds } from '~/notifications/feeds.server'
import {
  getDeliverySettings,
  listFollows,
  setDelivery,
  setFollowing,
} from '~/notifications/inbox.server'
import {
  deliveryChoices,
  deliveryLabel,
  deliveryShown,
  deliveryToSave,
  KIND_NAMES,
  kindsFor,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '~/notifications/kinds'
import { isEmailConfigured } from '~/notifications/notify.server'
import { FollowByFeed } from '~/notifications/ui/follow-by-feed'
import { SubjectLink } from '~/notifications/ui/subject-link'
import { pageTitle } from '~/setup/board-name'
import { idField } from '~/utils/id'
import { Refusal, refusalInit } from '~/utils/refusal'
import { readForm } from '~/utils/request-input.server'

import type { NotificationDelivery } from '../../db/schema'

const DELIVERY_MISSING = 'Choose email, inbox or off for each kind.'

const SettingsSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('email'), email: EmailSchema }),
    z.object({ intent: z.literal('remove-email') }),
    z.object({ intent: z.literal('decline-email-offer') }),
    z.object({
      intent: z.literal('deliveries'),
      ...Object.fromEntries(
        KIND_NAMES.map((kind) => [
          kind,
          // Each kind offered her is required (the action checks, by her role); the others are
          // not on her page and are kept as saved.
          z
            .enum(['email', 'inbox', 'off'], {
              errorMap: () => ({ message: DELIVERY_MISSING }),
            })
            .optional(),
        ]),
      ),
    }),
    z.object({
      intent: z.literal('follow'),
      subjectType: z.enum(['idea', 'project', 'area'], {
        errorMap: () => ({ message: 'Follow an idea, a project or an area.' }),
      }),
      subjectId: idField('That is not an idea, project or area number.'),
      following: z.enum(['yes', 'no'], { errorMap: () => ({ message: 'Follow or unfollow?' }) }),
      /** The idea's or project's page the button sits on: back there, not to these settings. */
      returnTo: z.string().optional(),
    }),
  ],
  { errorMap: () => ({ message: 'That is not something this page can do.' }) },
)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request)
  if (!user) throw redirect(`/login?returnTo=${encodeURIComponent('/me/settings')}`)
  const [email, deliveries, follows, emailOffer, feeds] = await Promise.all([
    getAccountEmail(user.id),
    getDeliverySettings(user.id),
    listFollows(user.id),
    getEmailOffer(request, user.id),
    listFeeds(),
  ])
  return json({
    email,
    deliveries,
    kinds: kindsFor(user.role),
    follows,
    emailOffer,
    feeds,
    sendsEmail: isEmailConfigured(),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = SettingsSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) {
    return json(
      { ok: false, message: parsed.error.issues[0]?.message ?? 'Invalid request.' },
      { status: 400 },
    )
  }
  const input = parsed.data
  switch (input.intent) {
    case 'email':
      await setAccountEmail(user.id, input.email)
      return json(
        { ok: true, message: `Notifications are emailed to ${input.email}.` },
        { headers: { 'Set-Cookie': await forgetEmailOffer(request) } },
      )
    case 'decline-email-offer':
      return json(
        { ok: true, message: 'Nothing is emailed to you; notifications stay in your inbox.' },
        { headers: { 'Set-Cookie': await forgetEmailOffer(request) } },
      )
    case 'remove-email':
      await setAccountEmail(user.id, null)
      return json({ ok: true, message: 'Your address is removed: nothing is emailed to you.' })
    case 'deliveries': {
      // Without email the page offers "Inbox" for a kind on: saving it must not turn a saved
      // "Inbox and email" into "Inbox only" before email was ever on offer.
      const saved = await getDeliverySettings(user.id)
      const sendsEmail = isEmailConfigured()
      // Only the kinds her page offers: a maintainer-only kind saved before she stopped being
      // one keeps its setting for when she is one again.
      const kinds = kindsFor(user.role)
      const chosen = (kind: NotificationKind) =>
        (input as Partial<Record<string, string>>)[kind] as NotificationDelivery | undefined
      if (kinds.some((kind) => chosen(kind) === undefined)) {
        return json({ ok: false, message: DELIVERY_MISSING }, { status: 400 })
      }
      for (const kind of kinds) {
        await setDelivery(user.id, kind, deliveryToSave(chosen(kind)!, saved[kind], sendsEmail))
      }
      return json({ ok: true, message: 'Saved.' })
    }
    case 'follow':
      try {
        await setFollowing(
          user.id,
          { type: input.subjectType, id: input.subjectId },
          input.following === 'yes',
        )
      } catch (error) {
        if (error instanceof Refusal) {
          return json({ ok: false, message: error.message }, refusalInit(error))
        }
        throw error
      }
      if (input.returnTo && safeReturnTo(input.returnTo, '')) {
        return redirect(safeReturnTo(input.returnTo))
      }
      return json({ ok: true, message: input.following === 'yes' ? 'Following.' : 'Unfollowed.' })
  }
}

export default function NotificationSettingsRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="max-w-3xl">
      <p className="text-sm">
        <Link to="/me" className="text-blue-700 underline">
          My work
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Notification settings</h1>
      {result ? <Notice tone={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}

      <section aria-labelledby="email-heading" className="mt-6">
        <h2 id="email-heading" className="text-lg font-semibold">
          Email address
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {data.sendsEmail
            ? 'At most one email an hour gathers what happened; each has a link to stop that kind.'
            : 'This board sends no email at the moment: notifications stay in your inbox.'}
        </p>
        <FollowByFeed feeds={data.feeds} />
        {data.emailOffer && data.sendsEmail ? <EmailOffer email={data.emailOffer} /> : null}
        <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="email" />
          <label className="text-sm">
            <span className="block font-medium">Address</span>
            <input
              type="email"
              name="email"
              defaultValue={data.email ?? ''}
              required
              maxLength={254}
              className="mt-1 w-72 max-w-full rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <button type="submit" className="rounded bg-blue-700 px-3 py-1 text-sm text-white">
            Save address
          </button>
        </Form>
        {data.email ? (
          <Form method="post" className="mt-2">
            <input type="hidden" name="intent" value="remove-email" />
            <button type="submit" className="text-sm text-slate-700 underline">
              Remove my address
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="kinds-heading" className="mt-6">
        <h2 id="kinds-heading" className="text-lg font-semibold">
          What you are told, and how
        </h2>
        {data.sendsEmail ? null : (
          <p className="mt-1 text-sm text-slate-600">
            This board sends no email yet, so what you keep on comes to your Inbox. Email becomes a
            choice here once the board’s operator configures it: saving here keeps each kind’s email
            setting (Inbox and email unless you chose otherwise) for then.
          </p>
        )}
        <Form method="post" className="mt-2">
          <input type="hidden" name="intent" value="deliveries" />
          <table className="text-sm">
            <tbody>
              {data.kinds.map((kind) => (
                <tr key={kind}>
                  <th scope="row" className="py-1 pr-3 text-left font-normal">
                    <label htmlFor={`delivery-${kind}`}>{NOTIFICATION_KINDS[kind].label}</label>
                  </th>
                  <td className="py-1">
                    <select
                      id={`delivery-${kind}`}
                      name={kind}
                      defaultValue={deliveryShown(data.deliveries[kind], data.sendsEmail)}
                      className="rounded border border-slate-300 px-1 py-0.5"
                    >
                      {deliveryChoices(data.sendsEmail).map((delivery) => (
                        <option key={delivery} value={delivery}>
                          {deliveryLabel(delivery, data.sendsEmail)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" className="mt-2 rounded bg-blue-700 px-3 py-1 text-sm text-white">
            Save
          </button>
        </Form>
      </section>

      <section aria-labelledby="follows-heading" className="mt-6">
        <h2 id="follows-heading" className="text-lg font-semibold">
          Followed and unfollowed
        </h2>
        {/* Unfollowing silences one's own idea, not a project one mentors: its claims are
            addressed to its mentors (projectAudience), so only the kinds' settings above do. */}
        <p className="mt-1 text-sm text-slate-600">
          {data.follows.length === 0
            ? 'Follow an idea or a starter project from its page, or an area of the roadmap from its list of ideas. '
            : null}
          You also hear of your own ideas until you unfollow one, and of the claims, finishes, stops
          and freeings (free again) of the projects you mentor, which an unfollow does not silence:
          turn those kinds off above instead.
        </p>
        {data.follows.length === 0 ? null : (
          <ul className="mt-2 list-disc pl-5 text-sm">
            {data.follows.map((follow) => (
              <li key={`${follow.subject_type}-${follow.subject_id}`} className="py-0.5">
                <SubjectLink subject={follow} /> ({follow.following ? 'following' : 'unfollowed'}){' '}
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="follow" />
                  <input type="hidden" name="subjectType" value={follow.subject_type} />
                  <input type="hidden" name="subjectId" value={follow.subject_id} />
                  <input type="hidden" name="following" value={follow.following ? 'no' : 'yes'} />
                  <button type="submit" className="text-slate-700 underline">
                    {follow.following ? 'Unfollow' : 'Follow again'}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Notification settings · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
