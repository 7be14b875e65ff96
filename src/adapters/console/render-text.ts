import type { ActionRef, MessageReply, Reply, ReplyButton } from '../../core/reply.js';

export const WIDTH = 80;

/** Drops the markdown markers a terminal cannot show. */
export function plain(s: string): string {
  return s.replace(/\*\*(.+?)\*\*/g, '$1').replace(/(^|[^*])\*([^*\n]+)\*/g, '$1$2').replace(/`([^`]+)`/g, '$1');
}

/** Wraps one paragraph at the width, keeping a list item's indent on continuation lines. */
export function wrap(line: string, width = WIDTH): string[] {
  if (line.length <= width) return [line];
  const indent = (/^(\s*(?:[-•]|\d+\.|(?:✅|❌|▫️)\s*\d*\.?)\s+)/u.exec(line)?.[1] ?? /^\s*/.exec(line)?.[0] ?? '').replace(/\S/gu, ' ');
  const lead = /^\s*/.exec(line)?.[0] ?? '';
  const out: string[] = [];
  let current = lead;
  for (const word of line.slice(lead.length).split(/ +/)) {
    if (current.trim().length > 0 && current.length + 1 + word.length > width) {
      out.push(current);
      current = indent + word;
    } else {
      current = current.trim().length > 0 ? `${current} ${word}` : current + word;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** `words`: what the user types to press each of the reply's buttons ("1", "hint", "page 2"). */
export function renderMessage(r: MessageReply, words: readonly string[] = []): string {
  const lines: string[] = [];
  const rule = '─'.repeat(WIDTH);
  lines.push(rule);
  if (r.title) lines.push(plain(r.title).toUpperCase());
  if (r.text) lines.push('', ...plain(r.text).split('\n').flatMap((l) => wrap(l)));
  const inline = (r.fields ?? []).filter((f) => f.inline);
  if (inline.length > 0) lines.push('', ...wrap(inline.map((f) => `${plain(f.name)}: ${plain(f.value)}`).join(' · ')));
  for (const f of (r.fields ?? []).filter((f) => !f.inline)) {
    lines.push('', `${plain(f.name)}:`, ...plain(f.value).split('\n').flatMap((l) => (l.trim() === '' ? [''] : wrap(`  ${l}`))));
  }
  if (words.length > 0) lines.push('', `Type: ${words.join(' · ')}`);
  if (r.footer) lines.push('', ...wrap(plain(r.footer)));
  return lines.join('\n');
}

/** A pressable button and the word that presses it. */
export interface ConsoleButton {
  button: ReplyButton;
  word: string;
}

/**
 * What the console prints for a reply, and the buttons the next line may press. `wordOf` reads a
 * button's word from its action (the registry knows each action's word), never from its label.
 */
export function consoleText(reply: Reply, wordOf: (ref: ActionRef) => string | null): { text: string; buttons: ConsoleButton[] } {
  if (reply.type === 'prompt') {
    return { text: `${reply.title}: ${reply.label}\n(type your answer on one line, up to ${reply.maxLength} characters)`, buttons: [] };
  }
  const buttons = (reply.buttons ?? [])
    .flat()
    .filter((b) => !b.disabled)
    .map((button) => ({ button, word: wordOf(button.action) ?? '' }))
    .filter((b) => b.word !== '');
  return { text: renderMessage(reply, buttons.map((b) => b.word)), buttons };
}
