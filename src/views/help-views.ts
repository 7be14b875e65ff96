import { PASS_SCORE } from '../core/grading/grader.js';
import { message, type MessageReply } from '../core/reply.js';
import { SCORE_WINDOW_DAYS } from '../core/scoring.js';
import type { NameCommand } from './format.js';

export interface HelpEntry {
  /** The command's usage lines, canonical ("team join <name>"): the first is the main one. */
  usage: string[];
  description: string;
}

/** How Backprop works and every command the member may use, named the platform's way. */
export function helpReply(entries: readonly HelpEntry[], cmd: NameCommand): MessageReply {
  const lines = entries.flatMap((e) => [`**${cmd(e.usage[0] ?? '')}** — ${e.description}`, ...e.usage.slice(1).map((u) => `  ${cmd(u)}`)]);
  return message({
    title: 'Backprop — deep-learning interview prep',
    text: [
      `Practice the questions interviewers ask: multiple choice, written answers graded on key points (${PASS_SCORE}/100 passes), or flash cards.`,
      `Points depend on difficulty; a hint halves them; each question scores once per ${SCORE_WINDOW_DAYS} days. Answer daily to keep your streak.`,
      '',
      ...lines,
    ].join('\n'),
    tone: 'info',
    ephemeral: true,
  });
}
