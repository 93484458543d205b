import { Form, Link, useNavigation } from '@remix-run/react'

import { FormResult } from './form-result'
import { buttonClass, inputClass } from './form-styles'

// The ideation page's side panel: a signed-in person proposes an idea in an area of focus, with
// optional links to mirrored issues; anyone else is asked to sign in. A refused proposal comes
// back with what was typed and the reason beside the button.

export function ProposeIdeaForm({
  isSignedIn,
  areas,
  areaId,
  failed,
}: {
  isSignedIn: boolean
  areas: { id: number; name: string }[]
  /** The area being browsed, chosen by default. */
  areaId: number | undefined
  /** The refused proposal, if that is what the action answered. */
  failed: { ok: boolean; message: string; fields?: Record<string, string> } | undefined
}) {
  const navigation = useNavigation()
  return (
    <aside aria-labelledby="propose-heading" className="lg:order-last">
      <h2 id="propose-heading" className="text-lg font-semibold">
        Propose an idea
      </h2>
      {isSignedIn ? (
        <Form method="post" className="mt-2 space-y-3 rounded border border-slate-200 bg-white p-3">
          <label className="flex flex-col text-sm">
            <span className="font-medium">Title</span>
            <input
              name="title"
              required
              minLength={3}
              maxLength={120}
              defaultValue={failed ? failed.fields?.title : ''}
              className={inputClass}
            />
          </label>
          <label className="flex flex-col text-sm">
            <span className="font-medium">Area of focus</span>
            <select
              name="areaId"
              required
              defaultValue={failed ? failed.fields?.areaId : (areaId ?? '')}
              className={inputClass}
            >
              <option value="" disabled>
                Choose an area
              </option>
              {areas.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-sm">
            <span className="font-medium">Description (markdown)</span>
            <textarea
              name="description"
              rows={5}
              maxLength={10000}
              defaultValue={failed ? failed.fields?.description : ''}
              className={inputClass}
            />
          </label>
          <label className="flex flex-col text-sm">
            <span className="font-medium">Links to issues or repositories (optional)</span>
            <textarea
              name="links"
              rows={2}
              placeholder="mirage/mirage#569, one per line"
              defaultValue={failed ? failed.fields?.links : ''}
              aria-describedby="links-help"
              className={inputClass}
            />
            <span id="links-help" className="mt-1 text-xs text-slate-500">
              Issues and repositories the board mirrors: owner/name#123 or owner/name.
            </span>
          </label>
          <FormResult result={failed} />
          <button
            type="submit"
            name="intent"
            value="propose"
            disabled={navigation.state === 'submitting'}
            className={buttonClass}
          >
            Propose
          </button>
        </Form>
      ) : (
        <p className="mt-2 text-sm text-slate-700">
          <Link to="/login?returnTo=/roadmap/ideas" className="text-blue-700 underline">
            Sign in
          </Link>{' '}
          to propose ideas and +1 them.
        </p>
      )}
    </aside>
  )
}
