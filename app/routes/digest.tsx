import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'

import { digestMarkdown } from '~/digest/compose'
import { loadDigest } from '~/digest/digest.server'
import { parseDigestPeriod } from '~/digest/period'
import { Refusal } from '~/utils/refusal'
import { readQuery } from '~/utils/request-input.server'

export const meta: MetaFunction = () => [{ title: 'Call agenda · Pioneer Board' }]

/** Public: the agenda holds only what the board already shows to everyone. */
export async function loader({ request }: LoaderFunctionArgs) {
  const since = readQuery(request).get('since') ?? '2w'
  let period
  try {
    period = parseDigestPeriod(since, new Date())
  } catch (error) {
    if (error instanceof Refusal) throw new Response(error.message, { status: error.status })
    throw error
  }
  const digest = await loadDigest(period)
  return json({ since: period.label, markdown: digestMarkdown(digest) })
}

export default function DigestRoute() {
  const data = useLoaderData<typeof loader>()
  return (
    <div>
      <h1 className="text-2xl font-bold">Call agenda</h1>
      <p className="mt-1 text-sm text-slate-600">
        What the board saw in the period, ready to paste into the call notes (also{' '}
        <code>npm run digest -- --since 2w</code>).
      </p>
      <Form method="get" className="mt-4 flex items-end gap-2">
        <label className="text-sm">
          Since (14d, 2w, 1m or a date)
          <input
            name="since"
            defaultValue={data.since.replace(/^since /, '')}
            className="ml-2 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-sm text-white">
          Show
        </button>
      </Form>
      <label className="mt-4 block text-sm font-medium" htmlFor="digest-markdown">
        Markdown
      </label>
      <textarea
        id="digest-markdown"
        readOnly
        value={data.markdown}
        rows={30}
        className="mt-1 w-full rounded border border-slate-300 p-2 font-mono text-sm"
      />
    </div>
  )
}
