/**
 * Small helpers for drawing pictures as SVG text. Everything a member typed (display names, team
 * names) goes through `esc`: the SVG is XML, and a name like `<svg onload=…>` or `&` must stay text.
 */

/** Characters XML 1.0 does not allow at all (control characters but tab, LF, CR; lone surrogates). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function esc(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** At most `max` characters (by code point), with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** A rounded number for coordinates: short SVG, same bytes for the same picture. */
export const n = (x: number) => String(Math.round(x * 10) / 10);

/** The picture's palette: dark card, light text (reads well on Discord's and Slack's themes). */
export const COLOURS = {
  background: '#1e1f29',
  panel: '#2a2c3a',
  text: '#f2f3f5',
  muted: '#a3a6b4',
  bar: '#5865f2',
  good: '#57f287',
  fair: '#fee75c',
  poor: '#ed4245',
  /** Heat map levels: none, then four steps up to the busiest day. */
  heat: ['#33364a', '#0e4429', '#006d32', '#26a641', '#39d353'],
} as const;

export const FONT = 'DejaVu Sans';

export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="${width}" height="${height}" rx="12" fill="${COLOURS.background}"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

export function text(x: number, y: number, content: string, attrs: { size?: number; fill?: string; anchor?: 'start' | 'middle' | 'end'; bold?: boolean } = {}): string {
  const a = [`x="${n(x)}"`, `y="${n(y)}"`, `font-size="${attrs.size ?? 14}"`, `fill="${attrs.fill ?? COLOURS.text}"`];
  if (attrs.anchor && attrs.anchor !== 'start') a.push(`text-anchor="${attrs.anchor}"`);
  if (attrs.bold) a.push('font-weight="bold"');
  return `<text ${a.join(' ')}>${esc(content)}</text>`;
}
