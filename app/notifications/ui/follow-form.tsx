import { Form, Link, useLocation } from '@remix-run/react'

/**
 * Follow or unfollow an idea, a starter project or a roadmap area (the settings page's action).
 * `following` is null when one has never chosen: authors and mentors hear anyway until they
 * unfollow. The page it sits on comes back after the change: following is a side step, not a
 * trip to the settings. Both states say where the news arrives (the Inbox): a newcomer who
 * follows should not have to guess where to look. An area's button names the area (`name`):
 * a page lists several, each with its own.
 */
export function FollowForm({
  subjectType,
  subjectId,
  following,
  name,
}: {
  subjectType: 'idea' | 'project' | 'area'
  subjectId: number
  following: boolean | null
  name?: string
}) {
  const next = following ? 'no' : 'yes'
  const isArea = subjectType === 'area'
  const location = useLocation()
  return (
    <Form
      method="post"
      action="/me/settings"
      className="inline-flex flex-wrap items-center gap-x-2"
      preventScrollReset
    >
      {following ? (
        <Link
          to="/notifications"
          className="inline-flex min-h-10 items-center text-xs text-slate-600 underline hover:text-blue-700 sm:min-h-0"
        >
          Following: news in your Inbox
        </Link>
      ) : null}
      <input type="hidden" name="returnTo" value={`${location.pathname}${location.search}`} />
      <input type="hidden" name="intent" value="follow" />
      <input type="hidden" name="subjectType" value={subjectType} />
      <input type="hidden" name="subjectId" value={subjectId} />
      <input type="hidden" name="following" value={next} />
      <button
        type="submit"
        aria-label={
          // Starts with the words shown, so voice control finds it by what it says.
          isArea && name ? `${following ? 'Unfollow' : 'Follow'} this area: ${name}` : undefined
        }
        title={
          following
            ? undefined
            : isArea
              ? 'Tell me in my Inbox when a new idea is proposed here'
              : 'Tell me in my Inbox when it changes'
        }
        // A thumb tall on a phone (40 px), as the header's links; compact beside text elsewhere.
        className="inline-flex min-h-10 items-center rounded border border-slate-300 bg-white px-2 text-sm hover:bg-slate-50 sm:min-h-0 sm:py-0.5"
      >
        {isArea
          ? following
            ? 'Unfollow this area'
            : 'Follow this area'
          : following
            ? 'Unfollow'
            : 'Follow'}
      </button>
    </Form>
  )
}
