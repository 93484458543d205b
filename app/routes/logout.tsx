import { redirect, type ActionFunctionArgs } from '@remix-run/node'

import { signOut } from '~/accounts/auth.server'

// Signing out changes state, so it is a POST (from the header's form); a GET just goes home.
// `intent=everywhere` ends every session of the person, on every device.
export function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  // Signing out works whatever the body: the one action that does not read its form through
  // readForm, since refusing to end a session protects no one.
  const form = await request.formData().catch(() => null)
  return signOut(request, { everywhere: form?.get('intent') === 'everywhere' })
}
