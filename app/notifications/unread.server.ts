import { describeError, log } from '../utils/log.server'

import { countUnread } from './inbox.server'

/** The header's unread count; a failure costs the badge, never the page. */
export async function unreadForHeader(accountId: number | undefined) {
  if (accountId === undefined) return null
  try {
    return await countUnread(accountId)
  } catch (error) {
    log.warn('counting unread notifications failed', describeError(error))
    return null
  }
}
