import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { storeContract } from './store-contract.js';

storeContract('SqliteStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-sqlite-'));
  const store = await SqliteStore.open({ clock: { now: () => Date.now() }, dataDir: dir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
