/**
 * The core's small markdown subset (**bold**, *italic*, `code`, "- " bullets) to Slack mrkdwn.
 * Every character that Slack parses as a control character (& < >) is escaped first, so text from
 * users or data (team names, display names, questions) can never become <!channel>, <!here>,
 * <@U…> or a link.
 */

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Reverses escapeSlack: Slack sends typed & < > this way in slash-command text. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const BOLD = '\u0001';

function formatOutsideCode(segment: string): string {
  return segment
    .replace(/\*\*(.+?)\*\*/g, `${BOLD}$1${BOLD}`)
    .replace(/(^|[^*\w])\*(?![\s*])([^*\n]*?[^\s*])\*(?![*\w])/g, '$1_$2_')
    .replace(new RegExp(BOLD, 'g'), '*')
    .replace(/^(\s*)- /gm, '$1• ');
}

/** Escaped Slack mrkdwn for one piece of core markdown; `code` spans are left as they are. */
export function toMrkdwn(md: string): string {
  return escapeSlack(md)
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : formatOutsideCode(part)))
    .join('');
}

/** Escaped plain text with the markdown markers removed (headers, buttons, notification text). */
export function toPlain(md: string): string {
  return escapeSlack(md.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`\n]*)`/g, '$1'));
}

/** Shortens to at most `max` characters, ending in "…", without cutting an escape such as &amp;. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${safeCut(text, max - 1)}…`;
}

/** The longest prefix of at most `max` characters that does not end inside an &entity;. */
function safeCut(text: string, max: number): string {
  const cut = text.slice(0, max);
  const amp = cut.lastIndexOf('&');
  return amp >= 0 && amp > max - 5 && !cut.slice(amp).includes(';') ? cut.slice(0, amp) : cut;
}

/**
 * Splits mrkdwn into chunks of at most `max` characters: at line breaks where possible, then at
 * spaces, and only then inside a word (never inside an escape). Always returns at least one chunk.
 */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current.length > 0) chunks.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const joined = current.length === 0 ? line : `${current}\n${line}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > max) {
      const window = safeCut(rest, max);
      const space = window.lastIndexOf(' ');
      const piece = space > max / 2 ? window.slice(0, space) : window;
      chunks.push(piece);
      rest = rest.slice(piece.length).replace(/^ /, '');
    }
    current = rest;
  }
  flush();
  return chunks.length > 0 ? chunks : [''];
}
