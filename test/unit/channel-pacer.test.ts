import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../src/adapters/slack/channel-pacer.js';

describe('ChannelPacer', () => {
  it('spaces posts to one channel by the interval and lets other channels go at once', async () => {
    let now = 10_000;
    const waits: [string, number][] = [];
    let current = '';
    const pacer = new ChannelPacer(1000, () => now, async (ms) => {
      waits.push([current, ms]);
    });
    const turn = (c: string) => {
      current = c;
      return pacer.turn(c);
    };
    await turn('C1');
    await turn('C2');
    await turn('C1');
    await turn('C1');
    now += 1500;
    await turn('C1');
    await turn('C3');
    expect(waits).toEqual([
      ['C1', 1000],
      ['C1', 2000],
      ['C1', 1500],
    ]);
  });
});
