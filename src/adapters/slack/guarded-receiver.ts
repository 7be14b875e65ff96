import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { HealthRoute } from '../../http/health.js';

/**
 * Bolt's HTTP receiver with a gate in front of /slack/events. Bolt reads `body.ssl_check` of
 * whatever the body parses to, so a signed `payload=null` (or the JSON body `null`) threw inside
 * its request handler and ended the process. The gate buffers the body itself (Bolt reuses a
 * buffered `rawBody`), answers 400 to a body that is not an object, and 401 to a timestamp in the
 * future (Bolt only refuses old ones). Everything else is Bolt's: signatures, ssl_check, routing.
 */

export const EVENTS_PATH = '/slack/events';
const BODY_LIMIT = 4 * 1024 * 1024;
/** Slack's own tolerance for clock skew, used for the future as Bolt uses it for the past. */
export const MAX_SKEW_SEC = 5 * 60;

export interface GuardedReceiverOptions {
  signingSecret: string;
  customRoutes: HealthRoute[];
  logger: BoltLogger;
  nowMs?: () => number;
}

/** A short-lived key of a signed request: the same bytes replayed give the same key. */
export const REQUEST_KEY = 'backpropRequestKey';

export function createGuardedReceiver(o: GuardedReceiverOptions): HTTPReceiver {
  const now = o.nowMs ?? Date.now;
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret,
    customRoutes: o.customRoutes,
    logger: o.logger,
    customPropertiesExtractor: (req) => {
      const sig = req.headers['x-slack-signature'];
      const ts = req.headers['x-slack-request-timestamp'];
      if (typeof sig !== 'string' || typeof ts !== 'string') return {};
      return { [REQUEST_KEY]: createHash('sha256').update(`${sig}:${ts}`).digest('base64url').slice(0, 32) };
    },
  });
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== EVENTS_PATH) return bolt(req, res);
    readBody(req).then(
      (raw) => {
        const refused = refusal(req, raw, Math.floor(now() / 1000));
        if (refused) {
          o.logger.warn(`refused a Slack request: ${refused.why}`);
          return end(res, refused.status);
        }
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
        bolt(req, res);
      },
      (err: unknown) => end(res, (err as { tooLarge?: boolean }).tooLarge ? 413 : 400),
    ).catch((err: unknown) => {
      o.logger.error(`Slack request failed: ${(err as Error).message}`);
      end(res, 500);
    });
  };
  return receiver;
}

function end(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status).end();
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT) {
        reject(Object.assign(new Error('body too large'), { tooLarge: true }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Why a request is refused before Bolt sees it; null to let Bolt handle it. */
export function refusal(req: Pick<IncomingMessage, 'headers'>, raw: Buffer, nowSec: number): { status: number; why: string } | null {
  const ts = Number(req.headers['x-slack-request-timestamp']);
  if (Number.isFinite(ts) && ts > nowSec + MAX_SKEW_SEC) return { status: 401, why: 'timestamp in the future' };
  // Parsed the way Bolt parses it (parseHTTPRequestBody), to see what its handler would get.
  const text = raw.toString('utf8');
  let body: unknown;
  try {
    if (req.headers['content-type'] === 'application/x-www-form-urlencoded') {
      const form = parseQuery(text);
      body = typeof form['payload'] === 'string' ? JSON.parse(form['payload']) : form;
    } else {
      body = JSON.parse(text);
    }
  } catch {
    return { status: 400, why: 'body is not valid JSON or form data' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 400, why: 'body is not an object' };
  return null;
}
