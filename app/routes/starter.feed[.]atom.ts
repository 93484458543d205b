import type { LoaderFunctionArgs } from '@remix-run/node'

import { renderStarterFeed } from '~/starter/atom-feed.server'
import { listNewStarterProjects } from '~/starter/finder.server'
import { getStarterSettings } from '~/starter/settings.server'
import { publicOrigin } from '~/utils/public-origin.server'
import { readQuery } from '~/utils/request-input.server'

// /starter/feed.atom: the newest open starter projects, optionally in one domain (?domain=).
export async function loader({ request }: LoaderFunctionArgs) {
  const settings = getStarterSettings()
  const domain = readQuery(request).get('domain')?.trim() || null
  if (domain !== null && !settings.domains.includes(domain)) {
    return new Response(
      `"${domain.slice(0, 50)}" is not a domain. Use one of: ${settings.domains.join(', ')}.\n`,
      { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
    )
  }
  const projects = await listNewStarterProjects({ domain })
  const xml = renderStarterFeed({
    projects,
    origin: publicOrigin(request),
    domain,
    languageName: settings.languageName,
  })
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    },
  })
}
