import fc from 'fast-check'
import { expect, test } from 'vitest'

import { mentorContactLink, mentorContactProblem, starterProjectInputSchema } from './project-input'

const schema = starterProjectInputSchema(['networking'])
const base = {
  title: 'A project',
  primaryDomain: 'networking',
  languageStars: '1',
  domainStars: '1',
}

test('a mentor contact may be a web address, a mail or chat address, or plain text', () => {
  for (const ok of [
    'https://lists.xenproject.org/mailman/listinfo/mirageos-devel',
    'mailto:mirageos-devel@lists.xenproject.org',
    'ircs://irc.libera.chat/#mirage',
    '#mirage on libera.chat',
    'matrix:r/mirageos:matrix.org',
  ]) {
    expect(mentorContactProblem(ok)).toBeNull()
    expect(schema.parse({ ...base, mentorContact: ok }).mentorContact).toBe(ok)
  }
  expect(schema.parse({ ...base, mentorContact: '  ' }).mentorContact).toBeNull()
  // Left out: writers that do not know the field keep the stored contact.
  expect(schema.parse(base).mentorContact).toBeUndefined()
})

test('hostile contacts are refused with a reason, and only web and mail addresses become links', () => {
  for (const bad of [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'https://',
    'line one\nline two',
    'x'.repeat(301),
  ]) {
    expect(mentorContactProblem(bad)).not.toBeNull()
    expect(schema.safeParse({ ...base, mentorContact: bad }).success).toBe(false)
  }
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (text) => {
      const { href } = mentorContactLink(text)
      if (href !== null) expect(href).toMatch(/^(https?|mailto):/i)
    }),
  )
  expect(mentorContactLink('#mirage on libera.chat').href).toBeNull()
})
