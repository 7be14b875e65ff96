// Preloaded into a child process by tests: on exit, reports whether platform SDKs were loaded.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((p) => /node_modules[\\/](discord\.js|@discordjs|@slack)[\\/]/.test(p));
  process.stderr.write(`\n[loaded-platform-modules] ${loaded.length}\n`);
});
