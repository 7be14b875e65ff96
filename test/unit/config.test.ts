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

  it('GRADER: rubric by default; ai with its endpoint, model and limits, each validated', () => {
    expect(loadConfig({}).grader).toEqual({ kind: 'rubric' });
    expect(loadConfig({ GRADER: 'ai', AI_BASE_URL: 'http://127.0.0.1:11434/v1', AI_MODEL: 'llama3.1:8b' }).grader).toEqual({
      kind: 'ai', baseUrl: 'http://127.0.0.1:11434/v1', apiKey: undefined, model: 'llama3.1:8b', timeoutMs: 12_000, dailyLimit: 30, communityDailyLimit: 1000,
    });
    expect(loadConfig({ GRADER: 'ai', AI_BASE_URL: 'https://api.openai.com/v1', AI_MODEL: 'm', AI_API_KEY: 'sk-1', AI_TIMEOUT_MS: '8000', AI_DAILY_LIMIT: '5', AI_COMMUNITY_DAILY_LIMIT: '50' }).grader)
      .toMatchObject({ apiKey: 'sk-1', timeoutMs: 8000, dailyLimit: 5, communityDailyLimit: 50 });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (e) {
        return (e as ConfigError).message;
      }
    };
    expect(problems({ GRADER: 'gpt' })).toContain('GRADER must be rubric (the default, offline) or ai');
    const missing = problems({ GRADER: 'ai' });
    expect(missing).toContain('AI_BASE_URL is required with GRADER=ai');
    expect(missing).toContain('AI_MODEL is required with GRADER=ai');
    expect(problems({ GRADER: 'ai', AI_BASE_URL: 'localhost:11434', AI_MODEL: 'm', AI_TIMEOUT_MS: '12s', AI_DAILY_LIMIT: '-1' })).toMatch(
      /AI_BASE_URL must be a URL starting with http:\/\/ or https:\/\/[^]*AI_TIMEOUT_MS must be a whole number[^]*AI_DAILY_LIMIT must be a whole number/,
    );
    expect(problems({ AI_BASE_URL: 'http://127.0.0.1:11434/v1' })).toContain('AI_BASE_URL is set but GRADER is not: set GRADER=ai');
  });
});
