import type { Database } from '../../db/client.server'
import { holdsDemoRepositories, listRepositoryNamesFrom } from '../mirror/repository.server'
import { parseSyncTargets } from '../sync/sweep.server'
import { getEnv, type Env } from '../utils/env.server'

import { boardNameOf } from './board-name'

export type BoardIdentity = {
  /** The MirageOS demo's copies: its pages keep their own words about MirageOS. */
  isDemo: boolean
  name: string | null
  about: string | null
}

/**
 * Whose board this is (see boardNameOf). The demo's database names no community of its own:
 * BOARD_NAME would put another community's name over MirageOS's copies.
 */
export async function getBoardIdentity(
  env: Pick<Env, 'BOARD_NAME' | 'BOARD_ABOUT' | 'BOARD_REPOS'> = getEnv(),
  db?: Database,
): Promise<BoardIdentity> {
  if (await holdsDemoRepositories(db)) return { isDemo: true, name: null, about: null }
  return {
    isDemo: false,
    name: boardNameOf({ setting: env.BOARD_NAME, owners: await ownersOf(env, db) }),
    about: env.BOARD_ABOUT ?? null,
  }
}

/**
 * The owners BOARD_REPOS names, known before the first sync has mirrored anything; without it
 * (a GitHub App's installations say what to mirror), those of the mirrored repositories.
 */
async function ownersOf(env: Pick<Env, 'BOARD_REPOS'>, db?: Database) {
  const { targets } = parseSyncTargets(env.BOARD_REPOS ? [env.BOARD_REPOS] : [])
  if (targets.length > 0) {
    return targets.map((target) =>
      target.kind === 'owner' ? target.owner : ownerOf(target.fullName),
    )
  }
  const names = await listRepositoryNamesFrom('github', db)
  return names.map(ownerOf)
}

const ownerOf = (fullName: string) => fullName.slice(0, fullName.indexOf('/'))
