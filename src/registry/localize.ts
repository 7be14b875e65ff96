import type { Reply } from '../core/reply.js';

/**
 * Views and messages name commands the canonical way ("/team join"); this rewrites those mentions
 * into what users type on the platform ("/prep team join" on Slack). Button labels are left alone.
 */
export function localizeCommands(reply: Reply, names: readonly string[], invocation: (command: string) => string): Reply {
  if (reply.type !== 'message' || names.every((n) => invocation(n) === `/${n}`)) return reply;
  const pattern = new RegExp(`(^|[\\s("'“])/(${names.join('|')})\\b`, 'g');
  const fix = (s: string | undefined) => s?.replace(pattern, (_, lead: string, name: string) => `${lead}${invocation(name)}`);
  return {
    ...reply,
    title: fix(reply.title),
    text: fix(reply.text),
    footer: fix(reply.footer),
    fields: reply.fields?.map((f) => ({ ...f, value: fix(f.value) ?? f.value })),
  };
}
