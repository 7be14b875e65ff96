import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AttachmentRead } from '../../registry/command.js';

/** The console's attachments are paths on this machine (its user is the machine's user). */
export async function readLocalFile(path: string, maxBytes: number): Promise<AttachmentRead> {
  let handle;
  try {
    handle = await open(resolve(path), 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, problem: 'unreadable', detail: code === 'ENOENT' ? `no file at ${path.slice(0, 200)}` : code };
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return { ok: false, problem: 'too-large' };
    return { ok: true, text: await handle.readFile('utf8') };
  } catch (err) {
    return { ok: false, problem: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    await handle.close();
  }
}
