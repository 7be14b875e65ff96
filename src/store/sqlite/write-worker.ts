// The writer thread: owns the connection that writes, runs each write as one transaction, one at a
// time, and answers the main thread. Waiting for another process's lock and for fsync happens
// here, so the main thread's event loop never waits for the disk.
import { parentPort, workerData } from 'node:worker_threads';
import type { Logger } from '../../core/ports.js';
import { openForWriting } from './open.js';
import { toWire, type WriterData, type WriterMessage, type WriterRequest } from './writer-protocol.js';
import { WRITES } from './writes.js';

const port = parentPort!;
const send = (m: WriterMessage) => port.postMessage(m);
const log = (level: 'info' | 'warn' | 'error') => (msg: string, data?: Record<string, unknown>) => send({ type: 'log', level, msg, data });
const logger: Logger = { info: log('info'), warn: log('warn'), error: log('error') };
const { dataDir, now } = workerData as WriterData;

try {
  const sql = await openForWriting(dataDir, now, logger);
  port.on('message', (m: WriterRequest) => {
    if (m.type === 'close') {
      sql.close();
      port.close();
      return;
    }
    try {
      const write = WRITES[m.op] as (...args: unknown[]) => unknown;
      const result = sql.transaction(() => write(sql, ...m.args));
      send({ type: 'reply', id: m.id, ok: true, result });
    } catch (err) {
      send({ type: 'reply', id: m.id, ok: false, error: toWire(err) });
    }
  });
  send({ type: 'ready', path: sql.path });
} catch (err) {
  send({ type: 'failed', error: toWire(err) });
}
