import type { MessageReply, ReplyButton } from '../../core/reply.js';

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

/** The word a console user types to press a button: "1", "hint", "next", "previous". */
export function buttonWord(b: ReplyButton): string {
  return b.label.toLowerCase().replace(/[^a-z0-9 ]/g, '').trim().split(/\s+/)[0] ?? '';
}

export function renderMessage(r: MessageReply): string {
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
  const buttons = (r.buttons ?? []).flat().filter((b) => !b.disabled);
  if (buttons.length > 0) lines.push('', `Type: ${buttons.map(buttonWord).join(' · ')}`);
  if (r.footer) lines.push('', ...wrap(plain(r.footer)));
  return lines.join('\n');
}
