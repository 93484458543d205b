/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  tailwind: true,
  // The server bundle imports db/ and migrations are run by scripts, so rebuild on db/ edits too.
  watchPaths: ['db/**/*.ts'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    // Single fetch changes how loaders serialise data and how data-request errors are handled;
    // it stays off until the whole app moves to it at once (docs/decisions/001).
    v3_singleFetch: false,
  },
}
