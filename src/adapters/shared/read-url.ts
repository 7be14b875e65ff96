import type { AttachmentRead } from '../../registry/command.js';

/**
 * Downloads a file's text from a platform's file URL, at most maxBytes: the declared size is
 * checked first when the platform gives one, then the body as it streams, so an oversized or
 * lying upload is never held whole. Only URLs the platform handed over are ever passed here.
 */
export async function readUrlText(url: string, maxBytes: number, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<AttachmentRead> {
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (err) {
    return { ok: false, problem: 'unreadable', detail: (err as Error).name === 'TimeoutError' ? 'the download timed out' : 'the download failed' };
  }
  if (!res.ok || !res.body) return { ok: false, problem: 'unreadable', detail: `HTTP ${res.status}` };
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body.cancel();
    return { ok: false, problem: 'too-large' };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) return { ok: false, problem: 'too-large' };
    chunks.push(chunk);
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, problem: 'unreadable', detail: 'the file is not UTF-8 text' };
  }
}
