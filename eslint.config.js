import path from 'node:path'

import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

// The dependency rule (docs/decisions/011-features-own-their-data.md): routes -> features ->
// mirror -> db. Each zone names a folder and what it must not import; a test file may reach
// further (it drives the code from outside), so the rule reads only the app's own modules.
const FEATURES = [
  'accounts',
  'sync',
  'starter',
  'roadmap',
  'labels',
  'demo',
  'notifications',
  'digest',
]
const app = (folder) => `./app/${folder}`
const notFrom = (target, folders, message) => ({
  target: app(target),
  from: folders.map(app),
  message,
})
const dependencyZones = [
  {
    target: './db',
    from: './app',
    // Its settings come from the one schema of every variable, checked once at start-up.
    except: ['./utils/env.server.ts'],
    message: 'db/ imports nothing of the app but its settings.',
  },
  {
    target: app('utils'),
    from: './app',
    except: ['./utils'],
    message: 'app/utils/ holds leaf helpers: they import nothing of the app.',
  },
  {
    target: app('components'),
    from: './app',
    except: ['./components', './utils'],
    message: 'app/components/ is shared UI: it imports no feature.',
  },
  notFrom(
    'mirror',
    [...FEATURES, 'github', 'routes', 'components'],
    'The mirror never imports a feature.',
  ),
  notFrom(
    'github',
    [...FEATURES, 'routes'],
    'app/github/ is the GitHub adapter: it imports no feature.',
  ),
  notFrom(
    'accounts',
    ['sync', 'starter', 'roadmap', 'labels', 'demo', 'routes'],
    'accounts -> github, mirror only.',
  ),
  notFrom(
    'starter',
    ['sync', 'roadmap', 'labels', 'demo', 'github', 'routes'],
    'starter -> mirror, accounts only.',
  ),
  notFrom(
    'roadmap',
    ['sync', 'starter', 'labels', 'demo', 'github', 'routes'],
    'roadmap -> mirror, accounts only.',
  ),
  notFrom(
    'labels',
    ['sync', 'demo', 'routes'],
    'labels -> github, mirror, starter, roadmap, accounts only.',
  ),
  {
    target: app('sync'),
    from: ['starter', 'roadmap', 'labels', 'demo', 'routes'].map(app),
    except: ['./learning'],
    message: 'sync -> github, mirror, labels/learning only.',
  },
  notFrom('routes', ['routes'], 'Route modules never import each other: share through a feature.'),
  notFrom(
    'notifications',
    ['sync', 'labels', 'demo', 'github', 'routes'],
    'notifications -> starter, roadmap, accounts, mirror only.',
  ),
  {
    // Features write their events' notices in their own transaction through notify.server.ts;
    // the rest of notifications reads them, so it is not theirs to import.
    target: ['starter', 'roadmap', 'accounts', 'labels', 'sync'].map(app),
    from: app('notifications'),
    except: ['./notify.server.ts'],
    message: 'Features reach notifications through notify.server.ts only.',
  },
  notFrom(
    'digest',
    ['sync', 'labels', 'demo', 'notifications', 'routes'],
    'digest -> github, mirror, starter, roadmap, accounts only.',
  ),
  notFrom(
    'demo',
    ['sync', 'labels', 'routes'],
    'demo -> mirror, starter, roadmap (and the GitHub mapping) only.',
  ),
]

export default tseslint.config(
  {
    ignores: ['node_modules/', 'build/', 'public/build/', '.cache/', '.data/', 'db/seed/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          'newlines-between': 'always',
          alphabetize: { order: 'asc', caseInsensitive: true },
          pathGroups: [{ pattern: '~/**', group: 'internal' }],
        },
      ],
      // Only GitHub's client module may build Octokit (see docs/decisions).
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@octokit/rest',
              message:
                'Use app/github/client.server.ts; it is the only module that builds Octokit.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'db/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}', '**/test-fixtures.ts'],
    settings: {
      // Resolves TypeScript sources and the `~/` alias (tsconfig paths), so the zones see every import.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js'],
          alias: { '~': [path.resolve(import.meta.dirname, 'app')] },
        }),
      ],
    },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: dependencyZones }] },
  },
  {
    files: ['app/github/client.server.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
)
