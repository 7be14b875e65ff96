import type { SvgPicture } from '../../core/pictures.js';
import type { LeaderboardView } from '../../core/profile-service.js';
import { plural } from '../format.js';
import { clip, COLOURS, n, svgDocument, text } from './svg.js';

/** The leaderboard card: the page's members or teams (the top 10 on page 1), with bars scaled to the leader's points. */

const WIDTH = 800;
const PAD = 24;
const ROW = 38;
const MEDALS = ['#f5c542', '#c0c4cc', '#cd7f32'];

export function leaderboardPicture(v: LeaderboardView, title: string): SvgPicture {
  const body: string[] = [];
  let y = PAD + 20;
  body.push(text(PAD, y, clip(title, 60), { size: 22, bold: true }));
  const first = v.entries[0]?.rank ?? 1;
  const last = v.entries.at(-1)?.rank ?? first;
  body.push(text(WIDTH - PAD, y, `#${first}–#${last} of ${v.total}`, { size: 14, fill: COLOURS.muted, anchor: 'end' }));
  y += 18;
  const top = Math.max(1, ...v.entries.map((e) => e.score));
  const barX = PAD + 330;
  const barW = WIDTH - PAD - barX - 110;
  for (const e of v.entries) {
    const mine = v.member?.id === e.id;
    if (mine) body.push(`<rect x="${PAD - 8}" y="${y + 2}" width="${WIDTH - 2 * PAD + 16}" height="${ROW - 4}" rx="6" fill="${COLOURS.panel}"/>`);
    const medal = MEDALS[e.rank - 1];
    if (medal) body.push(`<circle cx="${PAD + 14}" cy="${y + ROW / 2}" r="13" fill="${medal}"/>`);
    body.push(text(PAD + 14, y + ROW / 2 + 5, String(e.rank), { size: 14, bold: true, anchor: 'middle', fill: medal ? COLOURS.background : COLOURS.muted }));
    body.push(text(PAD + 40, y + ROW / 2 + 5, clip(e.name, 26), { size: 16, bold: mine }));
    body.push(`<rect class="score" x="${barX}" y="${y + 11}" width="${n(Math.max(4, (barW * e.score) / top))}" height="16" rx="4" fill="${COLOURS.bar}"/>`);
    body.push(text(WIDTH - PAD, y + ROW / 2 + 5, plural(e.score, 'pt'), { size: 14, fill: COLOURS.muted, anchor: 'end' }));
    y += ROW;
  }
  y += PAD - 8;
  return {
    name: 'leaderboard.png',
    svg: svgDocument(WIDTH, Math.round(y), body),
    alt: `${title}: ${v.entries.map((e) => `${e.rank}. ${e.name} ${plural(e.score, 'point')}`).join(', ')}`,
  };
}
