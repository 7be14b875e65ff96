// `npm start`: the compiled build when dist/ was built from the sources as they are now (about
// half the start time: no TypeScript compiler loads), else the sources through tsx, so an edit
// is never run stale. `npm install` builds dist/ (the prepare script); `npm run build` rebuilds it.
import { isBuildFresh } from './source-stamp.mjs';

if (process.env['BACKPROP_FROM_SOURCES'] !== '1' && isBuildFresh()) {
  await import('../dist/src/main.js');
} else {
  const tsx = await import('tsx/esm/api');
  tsx.register();
  await import('../src/main.ts');
}
