import path from 'node:path'

import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The files that take a minute or so, longest first. Vitest starts the files it has timings for
 * longest first, but a clean clone (CI) has none, and it then goes by file size: the longest
 * browser files started last and ran alone at the end, one core idle (CI: 254 s for 330 s of
 * files on two workers). Started first, the short files fill in around them.
 */
const LONGEST_FILES = [
  'test/e2e/accessibility.test.ts',
  'test/e2e/open-redirect.test.ts',
  'test/e2e/xss.test.ts',
  'test/e2e/database-outage.test.ts',
  'test/fuzz.test.ts',
]

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (file: TestSpecification) => {
      const known = LONGEST_FILES.indexOf(
        path.relative(this.ctx.config.root, file.moduleId).split(path.sep).join('/'),
      )
      return known === -1 ? LONGEST_FILES.length : known
    }
    // Stable: the rest keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b))
  }
}
