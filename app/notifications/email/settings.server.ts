import { signingSecrets } from '../../accounts/signing-secret.server'
import { getEnv } from '../../utils/env.server'
import { configuredOrigin } from '../../utils/public-origin.server'

import type { EmailSettings } from './sender.server'

// Unsubscribe links are signed with the session secrets (the first signs, all verify, so a
// rotation keeps old links working). Without SESSION_SECRET that is the secret the database
// keeps, so links already mailed keep working after a restart, as sessions do.
export async function emailSettings(): Promise<EmailSettings> {
  const env = getEnv()
  return {
    from: env.EMAIL_FROM,
    boardUrl: configuredOrigin(env),
    secret: (await signingSecrets())[0]!,
  }
}
