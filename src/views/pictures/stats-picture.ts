import type { SvgPicture } from '../../core/pictures.js';
import type { ActivityView, StatsView } from '../../core/profile-service.js';
import { percent, plural } from '../format.js';
import { clip, COLOURS, n, svgDocument, text } from './svg.js';

/**
 * The `stats` picture: accuracy per topic as bars, and a calendar heat map of answers per day over
 * the last weeks (columns are weeks, Monday on top; today is the last cell). It repeats what the
 * reply says in words, so it is an extra, never the only place a number is.
 */

const WIDTH = 800;
const PAD = 24;
const BAR_ROW = 28;
const LABEL_W = 270;
const BAR_W = 360;
const CELL = 14;
const GAP = 3;
const WEEKDAYS = ['Mon', '', 'Wed', '', 'Fri', '', ''];

/** Monday 0 … Sunday 6 of a localDay number (day 0, 1970-01-01, was a Thursday). */
export const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;

/** Heat level 0–4 of a day's count, relative to the busiest day shown. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4)));
}

const accuracyColour = (a: number) => (a >= 0.75 ? COLOURS.good : a >= 0.5 ? COLOURS.fair : COLOURS.poor);

export function statsPicture(name: string, stats: StatsView, activity: ActivityView): SvgPicture {
  const body: string[] = [];
  let y = PAD + 20;
  body.push(text(PAD, y, clip(`Stats · ${name}`, 48), { size: 22, bold: true }));
  body.push(text(WIDTH - PAD, y, `${percent(stats.accuracy)} of ${plural(stats.answered, 'answer')} · ${plural(stats.points, 'point')}`, { size: 14, fill: COLOURS.muted, anchor: 'end' }));

  y += 30;
  body.push(text(PAD, y, 'Accuracy by topic', { size: 15, bold: true, fill: COLOURS.muted }));
  y += 12;
  for (const t of stats.byTopic) {
    const barY = y + 6;
    body.push(text(PAD, y + 20, clip(t.label, 34), { size: 13 }));
    body.push(`<rect x="${PAD + LABEL_W}" y="${barY}" width="${BAR_W}" height="18" rx="4" fill="${COLOURS.panel}"/>`);
    if (t.accuracy > 0) body.push(`<rect class="bar" x="${PAD + LABEL_W}" y="${barY}" width="${n(Math.max(4, BAR_W * t.accuracy))}" height="18" rx="4" fill="${accuracyColour(t.accuracy)}"/>`);
    body.push(text(PAD + LABEL_W + BAR_W + 10, y + 20, `${percent(t.accuracy)} of ${t.answered}`, { size: 13, fill: COLOURS.muted }));
    y += BAR_ROW;
  }

  y += 24;
  const weeks = Math.ceil(activity.days / 7);
  // The first column starts on the Monday `weeks - 1` weeks before this week's.
  const first = activity.today - weekday(activity.today) - (weeks - 1) * 7;
  const shown = [...activity.counts.entries()].filter(([d]) => d >= first && d <= activity.today);
  const total = shown.reduce((sum, [, c]) => sum + c, 0);
  body.push(text(PAD, y, `Activity · last ${weeks} weeks`, { size: 15, bold: true, fill: COLOURS.muted }));
  body.push(text(WIDTH - PAD, y, `${plural(total, 'answer')} on ${plural(shown.filter(([, c]) => c > 0).length, 'day')}`, { size: 13, fill: COLOURS.muted, anchor: 'end' }));
  y += 14;
  const gridX = PAD + 40;
  const max = Math.max(0, ...shown.map(([, c]) => c));
  for (let i = 0; i < 7; i++) {
    if (WEEKDAYS[i]) body.push(text(PAD, y + i * (CELL + GAP) + CELL - 2, WEEKDAYS[i]!, { size: 11, fill: COLOURS.muted }));
  }
  for (let day = first; day <= activity.today; day++) {
    const col = Math.floor((day - first) / 7);
    const count = activity.counts.get(day) ?? 0;
    const x = gridX + col * (CELL + GAP);
    const cy = y + weekday(day) * (CELL + GAP);
    body.push(`<rect class="day" x="${x}" y="${cy}" width="${CELL}" height="${CELL}" rx="3" fill="${COLOURS.heat[heatLevel(count, max)]}"/>`);
  }
  // The legend: less … more.
  const legendX = gridX + weeks * (CELL + GAP) + 30;
  body.push(text(legendX, y + 3 * (CELL + GAP) + CELL - 2, 'Less', { size: 11, fill: COLOURS.muted }));
  COLOURS.heat.forEach((fill, i) => body.push(`<rect x="${legendX + 34 + i * (CELL + GAP)}" y="${y + 3 * (CELL + GAP)}" width="${CELL}" height="${CELL}" rx="3" fill="${fill}"/>`));
  body.push(text(legendX + 34 + 5 * (CELL + GAP) + 4, y + 3 * (CELL + GAP) + CELL - 2, 'More', { size: 11, fill: COLOURS.muted }));
  y += 7 * (CELL + GAP) + PAD;

  const topics = stats.byTopic.map((t) => `${t.label} ${percent(t.accuracy)}`).join(', ');
  return {
    name: 'stats.png',
    svg: svgDocument(WIDTH, Math.round(y), body),
    alt: `Accuracy by topic: ${topics || 'none yet'}. Activity: ${plural(total, 'answer')} in the last ${weeks} weeks.`,
  };
}
