import type { App } from '../../bootstrap.js';
import type { PlatformAdapter } from '../shared/platform-adapter.js';
import { ConsoleAdapter } from './console-adapter.js';

export interface ConsoleConfig {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The local user's display name; the OS user name by default. */
  userName?: string | undefined;
  /** Where pictures are written; `$TMPDIR/backprop` by default. */
  picturesDir?: string | undefined;
}

/** The terminal adapter: the no-token default. It finishes at the end of its input. */
export function createConsoleAdapter(config: ConsoleConfig, app: App): PlatformAdapter {
  const console = new ConsoleAdapter({ core: app.core, registry: app.registry, ...config });
  let settle: { resolve: () => void; reject: (err: unknown) => void } | undefined;
  const finished = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  return {
    platform: 'console',
    poster: console.poster,
    finished,
    async start() {
      void console.run().then(settle?.resolve, settle?.reject);
    },
    // Reading stops with the input; there is no connection to close.
    async stop() {},
  };
}
