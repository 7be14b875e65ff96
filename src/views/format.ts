import { DateTime } from 'luxon';

/**
 * "17:00 CET": a time of day in a zone, the way people read schedules. Each English locale knows
 * the abbreviations of its own region only, so try a few before falling back to "GMT+9".
 */
export function clockTime(ms: number, zone = 'UTC'): string {
  const d = DateTime.fromMillis(ms, { zone });
  const names = ['en-US', 'en-GB', 'en-IN', 'en-AU'].map((locale) => d.setLocale(locale).toFormat('ZZZZ'));
  return `${d.toFormat('HH:mm')} ${names.find((n) => !/^GMT[+-]/.test(n)) ?? names[0]}`;
}

export const percent = (x: number) => `${Math.round(x * 100)}%`;

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Joins the hard-wrapped lines of each markdown paragraph (YAML block scalars keep them), so
 * every platform can wrap text to its own width. List items and blank lines are kept.
 */
export function reflow(md: string): string {
  const out: string[] = [];
  for (const line of md.trim().split('\n')) {
    const t = line.trim();
    const prev = out[out.length - 1];
    const startsBlock = t === '' || /^([-*•]|\d+[.)]|#+|>|```)\s?/.test(t);
    if (prev !== undefined && prev.trim() !== '' && !startsBlock && !prev.trimEnd().endsWith('```')) out[out.length - 1] = `${prev} ${t}`;
    else out.push(startsBlock && /^([-*•]|\d+[.)])\s/.test(t) ? t : t);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/**
 * How members type a command on the platform a reply goes to: "/quiz" on Discord and the console,
 * "/prep quiz" on Slack. Every view that names a command takes one.
 */
export type NameCommand = (command: string) => string;
