import { Form, Link, useLocation, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'

import { Notice } from '~/components/notice'

import { interestText } from '../plus-ones'
import type { SimilarIdea } from '../similar.server'

import { FormResult } from './form-result'
import { buttonClass, inputClass } from './form-styles'

// The ideation page's side panel: a signed-in person proposes an idea in an area of focus, with
// optional links to mirrored issues; anyone else is asked to sign in. A refused proposal comes
// back with what was typed and the reason beside the button.

export function ProposeIdeaForm({
  isSignedIn,
  areas,
  areaId,
  linkExample,
  failed,
}: {
  isSignedIn: boolean
  areas: { id: number; name: string }[]
  /** The area being browsed, chosen by default. */
  areaId: number | undefined
  /** A repository the board mirrors, for the links' placeholder; null when it mirrors none. */
  linkExample: string | null
  /** The refused proposal, if that is what the action answered. */
  failed:
    | {
        ok: boolean
        message: string
        fields?: Record<string, string>
        /** The ideas the title closely matches: the proposal waits for "propose it anyway". */
        similar?: SimilarIdea[]
      }
    | undefined
}) {
  const navigation = useNavigation()
  const location = useLocation()
  const [typed, setTyped] = useState({
    title: failed?.fields?.title ?? '',
    description: failed?.fields?.description ?? '',
  })
  // What was typed before the page hydrated never reached onChange: read it once hydrated, or
  // the title looks untouched, the similar ideas stay unfetched and a held-back proposal offers
  // "Propose" rather than "Propose it anyway".
  const titleRef = useRef<HTMLInputElement>(null)
  const descriptionRef = useRef<HTMLTextAreaElement>(null)
  // Hydrated, the form lists similar ideas as she types, and tells the server so (`live`): only
  // close matches hold her proposal back then. Without JavaScript she sees none before sending,
  // so the server holds it back for what the list would have shown.
  const [isListedLive, setIsListedLive] = useState(false)
  useEffect(() => {
    setTyped({
      title: titleRef.current?.value ?? '',
      description: descriptionRef.current?.value ?? '',
    })
    setIsListedLive(true)
  }, [])
  const typedSimilar = useSimilarIdeas(`${typed.title} ${typed.description}`)
  // Held back for close matches (the server's answer, so it works without JavaScript): those
  // ideas show until typing finds others, and the form asks to propose it anyway.
  const heldBack = failed?.similar !== undefined && failed.similar.length > 0
  // The confirmation names the title it was given for: a later refusal (a link not mirrored,
  // say) keeps it, so fixing the link does not lead back to the same similar ideas, while a
  // changed title is checked against the board again (the server compares the two).
  const confirmedTitle = heldBack ? failed.fields?.title : failed?.fields?.anyway
  const similar = typedSimilar.length > 0 ? typedSimilar : (failed?.similar ?? [])
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
              ref={titleRef}
              name="title"
              required
              minLength={3}
              maxLength={120}
              defaultValue={failed ? failed.fields?.title : ''}
              onChange={(event) => setTyped({ ...typed, title: event.target.value })}
              className={inputClass}
            />
          </label>
          {/* The list itself comes after the form (its "+1 it instead" buttons are forms of their
              own): on a phone that is out of sight while she types, so here, under the title,
              a line says there are some and leads to them. */}
          <p
            aria-live="polite"
            // sr-only while empty: no gap in the form, yet still a live region when filled.
            className={similar.length > 0 ? 'text-sm' : 'sr-only'}
          >
            {similar.length > 0 ? (
              <>
                {similar.length === 1
                  ? 'An idea like this one is already on the board: '
                  : `${similar.length} ideas like this one are already on the board: `}
                <a href="#similar-heading" className="text-blue-700 underline">
                  see {similar.length === 1 ? 'it' : 'them'} below the form
                </a>
                .
              </>
            ) : null}
          </p>
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
              ref={descriptionRef}
              name="description"
              rows={5}
              maxLength={10000}
              defaultValue={failed ? failed.fields?.description : ''}
              onChange={(event) => setTyped({ ...typed, description: event.target.value })}
              className={inputClass}
            />
          </label>
          <label className="flex flex-col text-sm">
            <span className="font-medium">Links to issues or repositories (optional)</span>
            <textarea
              name="links"
              rows={2}
              placeholder={`${linkExample ?? 'owner/name'}#123, one per line`}
              defaultValue={failed ? failed.fields?.links : ''}
              aria-describedby="links-help"
              className={inputClass}
            />
            <span id="links-help" className="mt-1 text-xs text-slate-500">
              Issues and repositories the board mirrors: owner/name#123 or owner/name.
            </span>
          </label>
          {confirmedTitle ? <input type="hidden" name="anyway" value={confirmedTitle} /> : null}
          {/* The similar ideas listed here, seen: only the ones she was not shown hold it back. */}
          {similar.length > 0 ? (
            <input type="hidden" name="seen" value={similar.map((idea) => idea.id).join(',')} />
          ) : null}
          {isListedLive ? <input type="hidden" name="live" value="yes" /> : null}
          {heldBack ? (
            <Notice tone="warning">{failed.message}</Notice>
          ) : (
            <FormResult result={failed} />
          )}
          <button
            type="submit"
            name="intent"
            value="propose"
            disabled={navigation.state === 'submitting'}
            className={buttonClass}
          >
            {heldBack && typed.title === confirmedTitle ? 'Propose it anyway' : 'Propose'}
          </button>
        </Form>
      ) : null}
      {isSignedIn && similar.length > 0 ? (
        <section
          aria-labelledby="similar-heading"
          className="mt-3 rounded border border-amber-300 bg-amber-50 p-3"
        >
          <h3 id="similar-heading" className="text-sm font-semibold">
            Similar ideas already on the board
          </h3>
          <p className="text-xs text-slate-600">
            If one of them is your idea already, +1 it instead of proposing it again; one on the
            roadmap is agreed already.
          </p>
          <ul className="mt-1 space-y-2 text-sm">
            {similar.map((idea) => (
              <li key={idea.id} className="flex items-baseline justify-between gap-2">
                <Link to={`/roadmap/ideas/${idea.id}`} className="text-blue-700 underline">
                  {idea.title}
                </Link>
                <span className="text-xs text-slate-500">
                  {[idea.area, interestText(idea.plusOnes, idea.demoPlusOnes)]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                {idea.isOwn ? (
                  // Her own idea takes no +1 of hers: she proposed it already.
                  <span className="text-xs text-slate-600">your idea</span>
                ) : idea.status === 'agreed' ? (
                  // Agreed, it is an effort and its ideation is over: a +1 would be refused.
                  <Link
                    to={`/roadmap/efforts/${idea.id}`}
                    aria-label={`${idea.title} is on the roadmap`}
                    className="whitespace-nowrap text-xs text-blue-700 underline"
                  >
                    on the roadmap
                  </Link>
                ) : (
                  <Form method="post" action="/roadmap/ideas?index" preventScrollReset>
                    <input type="hidden" name="ideaId" value={idea.id} />
                    <input type="hidden" name="value" value="on" />
                    <button
                      type="submit"
                      name="intent"
                      value="plus-one"
                      aria-label={`+1 ${idea.title} instead`}
                      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-semibold hover:bg-slate-100"
                    >
                      +1 it instead
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {isSignedIn ? null : (
        <p className="mt-2 text-sm text-slate-700">
          {/* Back to the area being browsed and to this form: on a phone it comes after every
              idea, and the list's top is where a bare /roadmap/ideas left her. */}
          <Link
            to={`/login?returnTo=${encodeURIComponent(`${location.pathname}${location.search}#propose-heading`)}`}
            className="text-blue-700 underline"
          >
            Sign in
          </Link>{' '}
          to propose ideas and +1 them.
        </p>
      )}
    </aside>
  )
}

/**
 * The ideas like what is being typed, fetched a moment after typing stops. A plain request, not a
 * Remix fetcher: a fetcher's failed load replaces the page with its error boundary, taking what
 * was typed with it, and a fetcher still discovering its route when a proposal is answered is
 * revalidated against `/roadmap/ideas/$id` instead (Remix answers 403), the same failure. The
 * suggestions only help: when they cannot be had, the form stays as it is.
 */
function useSimilarIdeas(text: string): SimilarIdea[] {
  const query = text.trim()
  const [ideas, setIdeas] = useState<SimilarIdea[]>([])
  useEffect(() => {
    if (query.length < 3) return
    const controller = new AbortController()
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(
          `/roadmap/ideas/similar?q=${encodeURIComponent(query.slice(0, 2000))}`,
          { signal: controller.signal },
        )
        if (response.ok) setIdeas(((await response.json()) as { ideas: SimilarIdea[] }).ideas)
      } catch {
        // Aborted by newer typing, or the board is unreachable: keep what shows.
      }
    }, 300)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [query])
  return query.length < 3 ? [] : ideas
}
