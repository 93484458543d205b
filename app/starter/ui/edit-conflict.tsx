import { Link } from '@remix-run/react'

import { Notice } from '~/components/notice'
import { projectFieldLabels } from '~/starter/project-input'
import type { TaggingConflict, TaggingFormValues } from '~/starter/tagging.server'

// The edit page's refusal when someone else saved the project meanwhile: the message, where the
// project now differs from what the person typed (their text stays in the form), and a way to
// drop their changes for the current version instead.

export function EditConflict({
  message,
  conflict,
  languageName,
  reloadTo,
}: {
  message: string
  conflict: TaggingConflict
  languageName: string
  reloadTo: string
}) {
  const labels: Record<keyof TaggingFormValues, string> = projectFieldLabels(languageName)
  return (
    <Notice tone="error" as="div">
      <p>{message}</p>
      {conflict.differences.length > 0 ? (
        <>
          <p className="mt-1">Where the project now differs from your form:</p>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3">
            {conflict.differences.map((difference) => (
              <div key={difference.field} className="contents">
                <dt className="font-medium">{labels[difference.field]}</dt>
                <dd className="whitespace-pre-line">{difference.now || '(empty)'}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p className="mt-1">The project now reads as your form does.</p>
      )}
      <p className="mt-1">
        <Link to={reloadTo} className="text-blue-700 underline">
          Drop my changes and load the current version
        </Link>
      </p>
    </Notice>
  )
}
