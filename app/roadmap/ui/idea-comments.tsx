import { Form } from '@remix-run/react'

import { personName } from '~/accounts/person'
import { DemoBadge } from '~/components/demo-badge'
import { COMMENT_MAX } from '~/roadmap/limits'
import { formatDate } from '~/utils/format'

import { buttonClass, inputClass } from './form-styles'

// An idea's comments, oldest first, and the form to add a brief one (signed-in people, while the
// idea is not merged away).

export function IdeaComments({
  comments,
  commentCount,
  canComment,
}: {
  comments: {
    id: number
    body: string
    created_at: string
    author_login: string | null
    author_is_demo: boolean
  }[]
  commentCount: number
  canComment: boolean
}) {
  return (
    <section aria-labelledby="comments" className="mt-6">
      <h2 id="comments" className="font-semibold">
        Comments ({commentCount})
      </h2>
      <ul className="mt-2 space-y-2">
        {comments.map((comment) => (
          // The anchor a comment's notice links to.
          <li
            key={comment.id}
            id={`comment-${comment.id}`}
            className="scroll-mt-4 rounded border border-slate-200 bg-white p-2 text-sm"
          >
            <p className="text-xs text-slate-500">
              {comment.author_login === null
                ? 'someone'
                : personName({ login: comment.author_login, isDemo: comment.author_is_demo })}{' '}
              · <time dateTime={comment.created_at}>{formatDate(comment.created_at)}</time>
              {/* Marked as the history marks a demo person's move: a demo action (decision 012). */}
              {comment.author_is_demo ? <DemoBadge>a demo action</DemoBadge> : null}
            </p>
            <p className="whitespace-pre-line">{comment.body}</p>
          </li>
        ))}
      </ul>
      {canComment ? (
        // Keyed by the count: once a comment is added the box starts empty (no second post of the
        // same words), while a refused comment keeps what was typed.
        <Form key={commentCount} method="post" className="mt-2 flex flex-col gap-2">
          <label className="flex flex-col text-sm">
            <span className="font-medium">Add a brief comment</span>
            <textarea
              name="body"
              required
              rows={2}
              maxLength={COMMENT_MAX}
              className={inputClass}
            />
          </label>
          <button
            type="submit"
            name="intent"
            value="comment"
            className={`${buttonClass} self-start`}
          >
            Comment
          </button>
        </Form>
      ) : null}
    </section>
  )
}
