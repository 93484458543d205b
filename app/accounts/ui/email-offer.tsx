import { Form } from '@remix-run/react'

// The address GitHub supplied at sign-in, offered rather than saved: taking it starts email
// notifications, so the person says yes (or no) here. Both answers post to /me/settings.

export function EmailOffer({ email }: { email: string }) {
  return (
    <div
      role="region"
      aria-label="Email address from GitHub"
      className="mt-3 rounded border border-blue-200 bg-blue-50 p-3 text-sm text-blue-950"
    >
      <p>
        GitHub lists <strong>{email}</strong> as your primary address. Email your notifications
        there (at most one email an hour, each with a link to stop that kind)?
      </p>
      <div className="mt-2 flex flex-wrap gap-3">
        <Form method="post" action="/me/settings">
          <input type="hidden" name="intent" value="email" />
          <input type="hidden" name="email" value={email} />
          <button type="submit" className="rounded bg-blue-700 px-3 py-1 font-medium text-white">
            Use this address
          </button>
        </Form>
        <Form method="post" action="/me/settings">
          <button
            type="submit"
            name="intent"
            value="decline-email-offer"
            className="rounded border border-slate-300 bg-white px-3 py-1"
          >
            No thanks
          </button>
        </Form>
      </div>
    </div>
  )
}
