import { redirect, type ActionFunctionArgs } from '@remix-run/node'

import { signOut } from '~/accounts/auth.server'

// Signing out changes state, so it is a POST (from the header's form); a GET just goes home.
export function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  return signOut(request)
}
