import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'

import {
  getCurrentUser,
  isDemoMode,
  isOAuthConfigured,
  safeReturnTo,
  signInDemoPerson,
  startGitHubSignIn,
} from '~/accounts/auth.server'
import { getDemoCast } from '~/demo/demo-cast.server'
import { pageTitle } from '~/setup/board-name'
import { readForm } from '~/utils/request-input.server'

const LoginSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('github'), returnTo: z.string().optional() }),
  z.object({ intent: z.literal('demo'), person: z.string(), returnTo: z.string().optional() }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get('returnTo'))
  const user = await getCurrentUser(request)
  // Signed in, there is nothing to do here, except in the demo: "Be someone else" comes here.
  if (user && !isDemoMode()) throw redirect(returnTo)
  const cast = isDemoMode() ? await getDemoCast() : null
  return json({
    returnTo,
    current: user && { name: user.name ?? user.login, login: user.login },
    canUseGitHub: isOAuthConfigured(),
    demoPeople: cast?.visitors ?? [],
    // Whom the demo's own actions are credited to: named here, never offered.
    seededPeople: cast?.seeded ?? [],
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request.clone()))
  const parsed = LoginSchema.safeParse(form)
  if (!parsed.success)
    throw new Response('That sign-in request was not understood.', { status: 400 })
  const returnTo = safeReturnTo(parsed.data.returnTo)
  switch (parsed.data.intent) {
    case 'github':
      return startGitHubSignIn(request, returnTo)
    case 'demo':
      return signInDemoPerson(request, parsed.data.person, returnTo)
  }
}

export default function LoginRoute() {
  const { returnTo, current, canUseGitHub, demoPeople, seededPeople } =
    useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold">{current ? 'Be someone else' : 'Sign in'}</h1>
      {current ? (
        <p className="mt-2 text-slate-700">
          You are {current.name}. Pick another demo person below and you come back to the page you
          were on.
        </p>
      ) : null}
      {canUseGitHub && !current ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="returnTo" value={returnTo} />
          <button
            type="submit"
            name="intent"
            value="github"
            className="w-full rounded bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-700"
          >
            Sign in with GitHub
          </button>
          <p className="mt-2 text-sm text-slate-600">
            The board reads your public profile. Maintainers of the mirrored repositories become
            maintainers here.
          </p>
        </Form>
      ) : null}
      {demoPeople.length > 0 ? (
        <section aria-labelledby="demo-heading" className="mt-6">
          <h2 id="demo-heading" className="font-semibold">
            Try it as a demo person
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            This board runs in demo mode: pick someone to be. No password, no GitHub account. They
            start with no history: what they have done here, visitors did as them.
          </p>
          {/* A newcomer sent here to work on a project finds herself first; maintainers after. */}
          <h3 className="mt-4 text-sm font-semibold text-slate-700">Newcomers and contributors</h3>
          <DemoPeopleList
            people={demoPeople.filter((person) => person.role !== 'maintainer')}
            returnTo={returnTo}
            currentLogin={current?.login}
          />
          <h3 className="mt-4 text-sm font-semibold text-slate-700">Maintainers</h3>
          <DemoPeopleList
            people={demoPeople.filter((person) => person.role === 'maintainer')}
            returnTo={returnTo}
            currentLogin={current?.login}
          />
          {/* For whoever runs a board, after the choice: a newcomer who came to claim a project
              met two setting names before the people to pick from. */}
          <p className="mt-3 text-xs text-slate-500">
            On your own board people sign in with their GitHub account instead: set GITHUB_CLIENT_ID
            and GITHUB_CLIENT_SECRET, as the README’s “Run it for your own community” says.
          </p>
        </section>
      ) : null}
      {seededPeople.length > 0 ? (
        <section id="seeded-people" aria-labelledby="seeded-heading" className="mt-8">
          <h2 id="seeded-heading" className="font-semibold">
            Who else is in the demo
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            The demo acted as these people when it was loaded; every page shows what they did as a
            demo action, not as MirageOS history. Nobody signs in as them, so nothing they did is
            ever called yours.
          </p>
          <ul className="mt-3 space-y-2 text-sm">
            {seededPeople.map((person) => (
              <li key={person.id} className="rounded border border-slate-200 px-4 py-2">
                <span className="font-medium">{person.name}</span> — {person.role}; {person.deeds}.
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {!canUseGitHub && demoPeople.length === 0 ? (
        <p className="mt-4 text-slate-700">
          Sign-in is not configured on this board: it needs GITHUB_CLIENT_ID and
          GITHUB_CLIENT_SECRET. Everything public can be read without signing in.
        </p>
      ) : null}
    </div>
  )
}

function DemoPeopleList({
  people,
  returnTo,
  currentLogin,
}: {
  people: { id: string; login: string; name: string; role: string; note: string | null }[]
  returnTo: string
  currentLogin: string | undefined
}) {
  return (
    <ul className="mt-2 space-y-2">
      {people.map((person) => (
        <li key={person.id}>
          <Form method="post">
            <input type="hidden" name="returnTo" value={returnTo} />
            <input type="hidden" name="person" value={person.id} />
            <button
              type="submit"
              name="intent"
              value="demo"
              // Who one is already: shown, not offered.
              disabled={person.login === currentLogin}
              className="flex w-full items-center justify-between rounded border border-slate-300 bg-white px-4 py-2 text-left hover:bg-slate-50 disabled:cursor-default disabled:bg-slate-100"
            >
              <span className="font-medium">
                {person.name}
                {person.login === currentLogin ? ' (you now)' : ''}
              </span>
              <span className="text-sm text-slate-600">{person.role}</span>
            </button>
          </Form>
          {person.note ? <p className="mt-1 px-1 text-sm text-slate-600">{person.note}</p> : null}
        </li>
      ))}
    </ul>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Sign in · Pioneer Board', matches) },
]
