import { createContext, useContext } from 'react'

// The Content-Security-Policy nonce of the response being rendered, for the inline scripts Remix
// and React write into the page (root.tsx hands it to <Scripts> and friends). Only the server
// knows it: browsers hide nonces from script, so on the client this is '' and React leaves the
// rendered attribute alone.
const NonceContext = createContext<string>('')

export const NonceProvider = NonceContext.Provider

export function useNonce() {
  return useContext(NonceContext)
}
