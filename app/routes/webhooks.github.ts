import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'

import { receiveWebhook } from '~/sync/webhooks.server'
import { getEnv } from '~/utils/env.server'

// GitHub posts its webhooks here. The loader exists only because Remix answers a GET to a route
// without one with 400; receiveWebhook answers 405 to every method but POST.
export async function loader({ request }: LoaderFunctionArgs) {
  return receiveWebhook(request, { secret: getEnv().GITHUB_WEBHOOK_SECRET })
}

export async function action({ request }: ActionFunctionArgs) {
  return receiveWebhook(request, { secret: getEnv().GITHUB_WEBHOOK_SECRET })
}
