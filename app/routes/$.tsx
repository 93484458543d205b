import { GeneralErrorBoundary } from '~/components/error-boundary'

// Any address no route claims: a real 404 page, not an empty one.
export function loader() {
  throw new Response('There is nothing at this address on the board.', {
    status: 404,
    statusText: 'Not Found',
  })
}

export default function NotFoundRoute() {
  return null
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
