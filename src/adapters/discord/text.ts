/** Fitting text into Discord's length limits without cutting a character (or, where possible, a word) in half. */

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The index to cut `s` at so the first part has at most `max` units and no split surrogate pair. */
function safeCut(s: string, max: number): number {
  return max > 0 && isHighSurrogate(s.charCodeAt(max - 1)) ? max - 1 : max;
}

/** The text itself when it fits, else its start with an ellipsis, cut at a word boundary when one is near. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 1) return max === 1 ? '…' : '';
  let cut = safeCut(s, max - 1);
  const space = s.lastIndexOf(' ', cut);
  if (space > cut * 0.8) cut = space;
  return `${s.slice(0, cut).trimEnd()}…`;
}

/**
 * Splits text into chunks of at most `max` units, breaking at a paragraph, then a line, then a
 * space in the second half of each chunk, and only mid-word when there is none.
 */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const at = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i > max / 2);
    const cut = at ?? safeCut(rest, max);
    const head = rest.slice(0, cut).trimEnd();
    if (head) chunks.push(head);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest) chunks.push(rest);
  return chunks;
}
