import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { TOPICS } from '../../src/core/bank/schema.js';
import type { ActivityView, LeaderboardView, StatsView } from '../../src/core/profile-service.js';
import { createPngRenderer } from '../../src/pictures/png-renderer.js';
import { heatLevel, statsPicture, weekday } from '../../src/views/pictures/stats-picture.js';
import { leaderboardPicture } from '../../src/views/pictures/leaderboard-picture.js';
import { COLOURS, esc } from '../../src/views/pictures/svg.js';
import { readPngHeader } from '../support/png.js';

const MAX_BYTES = 200 * 1024;
const renderer = createPngRenderer();

/** Every topic answered: the tallest stats picture there is. */
function fullStats(): StatsView {
  const byTopic = Object.entries(TOPICS).map(([topic, label], i) => ({ topic, label, answered: 40 + i, correct: 10 + 2 * i, accuracy: (10 + 2 * i) / (40 + i) }));
  return { answered: 600, correct: 300, accuracy: 0.5, points: 9000, byTopic, weakest: [] };
}

/** A busy member: a different count every day of the window. */
function busyActivity(today: number): ActivityView {
  const counts = new Map<number, number>();
  for (let d = today - 111; d <= today; d++) counts.set(d, 1 + ((d * 37) % 23));
  return { today, days: 112, counts };
}

function dayCells(svg: string): { fill: string }[] {
  return [...svg.matchAll(/<rect class="day" [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => ({ fill: m[1]! }));
}

describe('stats picture', () => {
  it('renders a PNG of the SVG size, under 200 KB, for the biggest member (every topic, every day)', async () => {
    const picture = statsPicture('A member with a long name '.repeat(4), fullStats(), busyActivity(20_600));
    const png = await renderer.render(picture);
    expect(png).toMatchObject({ name: 'stats.png', mime: 'image/png' });
    const header = readPngHeader(png.data);
    const [, w, h] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(picture.svg)!;
    expect(header).toMatchObject({ width: Number(w), height: Number(h), bitDepth: 8 });
    expect(header.height).toBeGreaterThan(12 * 28); // a bar per topic, then the heat map
    expect(png.data.length).toBeLessThan(MAX_BYTES);
    expect(png.alt).toContain('Neural network fundamentals 25%');
  });

  it('the heat map has one cell per day from the Monday 15 weeks back to today, lit where there were answers', () => {
    const today = 20_602; // a Friday (day 0, 1970-01-01, was a Thursday)
    expect(weekday(today)).toBe(4);
    const counts = new Map([
      [today, 3],
      [today - 1, 1],
      [today - 7, 12],
      [today - 100, 2],
      [today - 111 + 0, 5], // in the range read, but before the grid's first Monday: not drawn
      [today + 1, 9], // tomorrow (a member further east): not drawn
    ]);
    const svg = statsPicture('Ann', fullStats(), { today, days: 112, counts }).svg;
    const cells = dayCells(svg);
    expect(cells).toHaveLength(15 * 7 + weekday(today) + 1);
    const lit = cells.filter((c) => c.fill !== COLOURS.heat[0]);
    expect(lit).toHaveLength(4);
    // The busiest day is the brightest; today is the last cell.
    expect(lit.filter((c) => c.fill === COLOURS.heat[4])).toHaveLength(1);
    expect(cells.at(-1)!.fill).toBe(COLOURS.heat[heatLevel(3, 12)]);
    expect(svg).toContain('18 answers on 4 days');
  });

  it('an empty history draws every cell empty', () => {
    const cells = dayCells(statsPicture('Ann', fullStats(), { today: 20_604, days: 112, counts: new Map() }).svg);
    expect(cells).toHaveLength(15 * 7 + 7);
    expect(cells.every((c) => c.fill === COLOURS.heat[0])).toBe(true);
  });

  it('heat levels rise with the count relative to the busiest day', () => {
    expect([0, 1, 3, 6, 9, 12].map((c) => heatLevel(c, 12))).toEqual([0, 1, 1, 2, 3, 4]);
    expect(heatLevel(5, 0)).toBe(0);
  });
});

describe('member text in pictures', () => {
  const nasty = `</text><script>alert(1)</script>&amp; "quotes" 'single' \u0007bell`;

  it('is escaped: the SVG is well-formed and shows the name as text', () => {
    const svg = statsPicture(nasty, fullStats(), busyActivity(20_600)).svg;
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('\u0007');
    // The title clips the name; the escapes are all there in what is kept.
    expect(svg).toContain('Stats · &lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp; &quot;');
    // resvg parses it as XML: a broken document would throw.
    expect(() => new Resvg(svg, { font: { loadSystemFonts: false } })).not.toThrow();
  });

  it('esc leaves no markup character and drops characters XML forbids', () => {
    expect(esc('<a href="x">&\'</a>\u0000\uffff\ud800')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(esc('Zoë 🦊')).toBe('Zoë 🦊');
  });
});

describe('leaderboard card', () => {
  const entries = Array.from({ length: 10 }, (_, i) => ({ id: `u${i}`, name: i === 4 ? `<b>${'W'.repeat(80)}</b>` : `Member ${i + 1}`, score: 1000 - 90 * i, rank: i + 1 }));
  const view: LeaderboardView = { total: 57, entries, member: entries[6]!, scope: 'users', period: 'week', key: '2026-W49', page: 1, pages: 6 };

  it('renders the top 10 as a PNG under 200 KB, with names escaped and clipped', async () => {
    const picture = leaderboardPicture(view, 'Leaderboard · members · this week');
    expect(picture.svg.match(/<rect class="score"/g)).toHaveLength(10);
    expect(picture.svg).not.toContain('<b>');
    expect(picture.svg).toContain('&lt;b&gt;WWW');
    expect(picture.svg).not.toContain('W'.repeat(30));
    const png = await renderer.render(picture);
    const header = readPngHeader(png.data);
    expect(header.width).toBe(800);
    expect(header.height).toBeGreaterThan(10 * 38);
    expect(png.data.length).toBeLessThan(MAX_BYTES);
    expect(png.alt).toContain('1. Member 1 1000 points');
  });
});

describe('readPngHeader', () => {
  it('refuses what is not a PNG', () => {
    expect(() => readPngHeader(new TextEncoder().encode('GIF89a, definitely not a PNG at all'))).toThrow(/signature/);
  });
});
