import { getDb, type Database } from '../../db/client.server'

import { finishLinkOnGitHub, finishLinkRef, parseFinishLink } from './finish-link'

/**
 * A finish link as pages show it: its name, and where it leads; the title the mirror holds for
 * it (null when not mirrored: GitHub's title is not known here).
 */
export type ShownFinishLink = {
  ref: string
  href: string
  isMirrored: boolean
  title: string | null
}

/**
 * Where each stored finish link leads: the board's own page for it when the mirror holds that
 * pull request or issue (it reads the same, beside the board's labels), else GitHub. One query
 * for all the rows shown.
 */
export async function withFinishLinks<Row extends { finish_link: string | null }>(
  rows: Row[],
  db: Database = getDb(),
): Promise<(Row & { finishLink: ShownFinishLink | null })[]> {
  const links = rows.map((row) => (row.finish_link ? parseFinishLink(row.finish_link).link : null))
  const wanted = links.filter((link) => link !== null)
  const mirrored =
    wanted.length === 0
      ? []
      : await db
          .selectFrom('issue as i')
          .innerJoin('repository as r', 'r.id', 'i.repository_id')
          .select(['r.full_name', 'i.number', 'i.title'])
          .where((eb) =>
            eb.or(
              wanted.map((link) =>
                eb.and([
                  eb(eb.fn('lower', ['r.full_name']), '=', link.fullName.toLowerCase()),
                  eb('i.number', '=', link.number),
                ]),
              ),
            ),
          )
          .execute()
  return rows.map((row, index) => {
    const link = links[index]
    if (!link) return { ...row, finishLink: null }
    const found = mirrored.find(
      (issue) =>
        issue.full_name.toLowerCase() === link.fullName.toLowerCase() &&
        issue.number === link.number,
    )
    return {
      ...row,
      finishLink: found
        ? {
            ref: `${found.full_name}#${found.number}`,
            href: `/repos/${found.full_name}/issues/${found.number}`,
            isMirrored: true,
            title: found.title,
          }
        : {
            ref: finishLinkRef(link),
            href: finishLinkOnGitHub(link),
            isMirrored: false,
            title: null,
          },
    }
  })
}
