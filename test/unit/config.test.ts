import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config', () => {
  it('defaults to the console with the embedded store', () => {
    expect(loadConfig({})).toMatchObject({ console: true, redis: undefined, dataDir: '.data', port: 3000 });
  });

  it('selects platforms from tokens and keeps the console off unless asked', () => {
    const c = loadConfig({ DISCORD_TOKEN: 't', REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: 'bp:' });
    expect(c).toMatchObject({ console: false, discord: { token: 't', apiBase: 'https://discord.com/api' }, redis: { url: 'redis://127.0.0.1:6379', prefix: 'bp:' } });
    expect(loadConfig({ DISCORD_TOKEN: 't' }, ['--console']).console).toBe(true);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toMatchObject({ command: 'prep', adminUserIds: [] });
  });

  it('reports every problem, naming the variable and what is valid', () => {
    let err: unknown;
    try {
      loadConfig({ REDIS_URL: 'http://x', PORT: 'abc', SLACK_BOT_TOKEN: 'bad', DISCORD_GUILD_ID: 'x1' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as ConfigError).message;
    expect(msg).toContain('REDIS_URL must be a URL starting with redis:// or rediss://');
    expect(msg).toContain('PORT must be a port number');
    expect(msg).toContain('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    expect(msg).toContain('DISCORD_GUILD_ID must be a numeric guild');
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET is required/);
    expect(() => loadConfig({ DISCORD_APP_ID: '12345678' })).toThrow(/DISCORD_TOKEN is required/);
  });
});
