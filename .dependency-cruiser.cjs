/**
 * The layer rules (npm run lint:layers). Data flows one way: adapters -> registry/commands ->
 * core, with views writing the words; nothing points back up. See CONTRIBUTING.md for the map.
 */
const PLATFORM_SDKS = '^(openai|discord\\.js|@discordjs/|@slack/|ioredis|better-sqlite3|node:http|node-cron|pino|prom-client)';

module.exports = {
  forbidden: [
    {
      name: 'core-is-platform-neutral',
      comment: 'src/core imports no platform, no store, no Redis, no HTTP, and nothing above it.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^src/(adapters|store|registry|views|scheduler|http|metrics)/', '^commands/', '^scripts/', '^src/(app|main|config|platforms|logger)\\.ts$'] },
    },
    {
      name: 'core-uses-no-platform-library',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['npm', 'core'], path: PLATFORM_SDKS },
    },
    {
      name: 'adapters-do-not-import-each-other',
      comment: 'A platform adapter uses src/adapters/shared, never another platform.',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: '^src/adapters/([^/]+)/', pathNot: ['^src/adapters/$1/', '^src/adapters/shared/'] },
    },
    {
      name: 'adapters-use-only-the-views-api',
      comment: "Adapters may use src/views/index.ts, not the views' internals.",
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/views/', pathNot: '^src/views/index\\.ts$' },
    },
    {
      name: 'adapters-do-not-reach-into-stores-or-commands',
      comment: 'Adapters reach the domain through the registry and core use cases.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: ['^src/store/', '^commands/(?!.*\\.actions\\.ts$)'] },
    },
    {
      name: 'commands-do-not-import-stores-or-adapters',
      severity: 'error',
      from: { path: '^commands/' },
      to: { path: ['^src/(store|adapters|scheduler|http)/', '^src/(app|main|platforms)\\.ts$'] },
    },
    {
      name: 'views-do-not-import-the-registry',
      comment: 'Views turn core results into replies; they import action builders (commands/*.actions.ts), never the registry, adapters or stores.',
      severity: 'error',
      from: { path: '^src/views/' },
      to: { path: ['^src/(registry|adapters|store|scheduler|http)/', '^commands/(?!.*\\.actions\\.ts$)'] },
    },
    {
      name: 'registry-stays-below-adapters',
      severity: 'error',
      from: { path: '^src/registry/' },
      to: { path: ['^src/(adapters|store|scheduler|http)/', '^commands/'] },
    },
    {
      name: 'store-implements-core-ports-only',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: ['^src/(adapters|registry|views|scheduler|http)/', '^commands/'] },
    },
    {
      name: 'production-code-does-not-import-tests',
      severity: 'error',
      from: { path: '^(src|commands|scripts)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
