import { expect, test } from 'vitest'

import { heardWithoutFollowing } from './heard-without-following'

const none = { heard: 0, unfollowedTitles: [] }

test('an author hears of her ideas but those she unfollowed, which are named', () => {
  expect(
    heardWithoutFollowing({
      ownIdeas: { heard: 2, unfollowedTitles: [] },
      mentors: false,
      followsSomething: false,
    }),
  ).toBe(
    'You follow nothing yet, but you hear what becomes of the ideas you wrote (listed above, under “My ideas”).',
  )
  expect(
    heardWithoutFollowing({
      ownIdeas: { heard: 1, unfollowedTitles: ['Fuzzing'] },
      mentors: true,
      followsSomething: true,
    }),
  ).toBe(
    'You also hear what becomes of the ideas you wrote (listed above, under “My ideas”) except “Fuzzing”, which you unfollowed, and when someone claims, finishes or stops a project you mentor (listed above, under “Projects you mentor”), or it is free again.',
  )
  expect(
    heardWithoutFollowing({
      ownIdeas: { heard: 1, unfollowedTitles: ['A', 'B', 'C', 'D', 'E'] },
      mentors: false,
      followsSomething: true,
    }),
  ).toBe(
    'You also hear what becomes of the ideas you wrote (listed above, under “My ideas”) except “A”, “B”, “C” and 2 more, which you unfollowed.',
  )
})

test('an author who unfollowed every idea she wrote hears of none of them: nothing is said of them', () => {
  expect(
    heardWithoutFollowing({
      ownIdeas: { heard: 0, unfollowedTitles: ['Fuzzing'] },
      mentors: false,
      followsSomething: false,
    }),
  ).toBeNull()
  expect(
    heardWithoutFollowing({
      ownIdeas: { heard: 0, unfollowedTitles: ['Fuzzing'] },
      mentors: true,
      followsSomething: false,
    }),
  ).toBe(
    'You follow nothing yet, but you hear when someone claims, finishes or stops a project you mentor (listed above, under “Projects you mentor”), or it is free again.',
  )
  expect(
    heardWithoutFollowing({ ownIdeas: none, mentors: false, followsSomething: true }),
  ).toBeNull()
})
