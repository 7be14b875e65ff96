import { describe, expect, it } from 'vitest';
import { createActionCodec } from '../../src/adapters/shared/action-codec.js';
import { discordActions } from '../../src/adapters/discord/render.js';
import { slackActions } from '../../src/adapters/slack/render-blocks.js';

describe('action codec', () => {
  it('round-trips a reference and refuses values that are not ours', () => {
    const codec = createActionCodec(100);
    const wire = codec.encode({ name: 'quiz.choice', args: ['abcDEF123_-x', '3'] });
    expect(wire).toBe('bp1|quiz.choice|abcDEF123_-x|3');
    expect(codec.decode(wire)).toEqual({ name: 'quiz.choice', args: ['abcDEF123_-x', '3'] });
    expect(codec.decode('other-bot:button')).toBeNull();
    expect(() => codec.encode({ name: 'x', args: ['a|b'] })).toThrow(/contains/);
  });

  it('holds each platform to its own byte limit', () => {
    expect(discordActions.maxBytes).toBe(100);
    expect(slackActions.maxBytes).toBe(2000);
    const long = { name: 'quiz.next', args: ['y'.repeat(120)] };
    expect(() => discordActions.encode(long)).toThrow(/100/);
    expect(slackActions.decode(slackActions.encode(long))).toEqual(long);
    // Bytes, not characters: a multi-byte argument counts for what it weighs on the wire.
    const tight = createActionCodec(64);
    expect(() => tight.encode({ name: 'quiz.next', args: ['é'.repeat(30)] })).toThrow(/64/);
    expect(tight.decode(`bp1|x|${'a'.repeat(64)}`)).toBeNull();
  });
});
