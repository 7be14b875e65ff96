import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { userErrorText } from '../../src/views/errors.js';
import { ALL_CODES, SAMPLE_ERRORS } from '../support/user-errors.js';

const discord = (c: string) => `/${c}`;
const slack = (c: string) => `/prep ${c}`;
const commandNames = commands.map((c) => c.name).join('|');

describe('user error views', () => {
  it('word every code', () => {
    expect(new Set(SAMPLE_ERRORS.map((e) => e.code))).toEqual(new Set(ALL_CODES));
    for (const e of SAMPLE_ERRORS) expect(userErrorText(e, discord).length, e.code).toBeGreaterThan(10);
  });

  it("name commands the platform's way, never the canonical way on Slack", () => {
    const bare = new RegExp(`(^|[^p] )/(${commandNames})\\b`);
    for (const e of SAMPLE_ERRORS) {
      const text = userErrorText(e, slack);
      expect(text, e.code).not.toMatch(bare);
    }
    expect(userErrorText(SAMPLE_ERRORS.find((e) => e.code === 'NO_SCHEDULE' && e.params.then === 'status')!, slack)).toContain('/prep daily setup');
    expect(userErrorText(SAMPLE_ERRORS.find((e) => e.code === 'NOT_IN_TEAM')!, discord)).toBe('You are not in a team. Join one with /team join <name>.');
  });
});
