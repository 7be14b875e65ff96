// A separate process holding a SqliteStore on DATA_DIR (argv[2]) with the health routes on a free
// port, driven over IPC by test/support/store-process.ts: each message calls one Store method.
import { healthRoutes, startHealthServer } from '../../src/http/health.js';
import { AppError } from '../../src/core/errors.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

// A file-size limit (how tests make the disk "full") then fails the write with EFBIG, as a full
// disk fails it with ENOSPC, instead of killing the process.
process.on('SIGXFSZ', () => {});

const store = await SqliteStore.open({ clock: { now: () => Date.now() }, dataDir: process.argv[2]!, probeIntervalMs: 200 });
const health = await startHealthServer(0, healthRoutes(store), '127.0.0.1');
const methods = store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;

process.on('message', (msg: { id: number; op: string; args: unknown[] }) => {
  methods[msg.op]!.apply(store, msg.args).then(
    (result) => process.send!({ id: msg.id, ok: true, result }),
    (err: unknown) => process.send!({ id: msg.id, ok: false, code: err instanceof AppError ? err.code : 'INTERNAL', message: String((err as Error).message) }),
  );
});
process.on('disconnect', () => {
  void health.stop().then(() => store.close()).then(() => process.exit(0));
});
process.send!({ ready: true, port: health.port, pid: process.pid });
