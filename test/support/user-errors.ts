import { fail, type UserError, type UserErrorCode } from '../../src/core/result.js';

/** One sample of every user error code (and every variant of the ones with several), for view and adapter contract tests. */
export const SAMPLE_ERRORS: readonly UserError[] = [
  fail('NO_QUESTIONS', { topic: 'cnn', difficulty: 'advanced' }),
  fail('NO_QUESTIONS', { topic: 'cnn', daily: true }),
  fail('DELIVERY_NOT_FOUND', {}),
  fail('DELIVERY_CLOSED', {}),
  fail('NOT_YOUR_QUIZ', {}),
  fail('WRONG_MODE', { mode: 'choice', requested: 'open' }),
  fail('ALREADY_ANSWERED', {}),
  fail('INVALID_ANSWER', { problem: 'choice', options: 4 }),
  fail('INVALID_ANSWER', { problem: 'empty' }),
  fail('INVALID_ANSWER', { problem: 'too-long', length: 4001, max: 4000 }),
  fail('INVALID_OPTION', { option: 'team-name', value: '@everyone <!channel> <@123>' }),
  fail('INVALID_OPTION', { option: 'time', value: '9am' }),
  fail('INVALID_OPTION', { option: 'timezone', value: 'Mars/Base' }),
  fail('INVALID_OPTION', { option: 'weekdays', value: 'someday' }),
  fail('INVALID_OPTION', { option: 'difficulty', valid: ['beginner', 'advanced'] }),
  fail('INVALID_OPTION', { option: 'mode', valid: ['choice', 'open'] }),
  fail('INVALID_OPTION', { option: 'rating', valid: ['again', 'good'] }),
  fail('INVALID_OPTION', { option: 'reveal-hours', min: 1, max: 23 }),
  fail('UNKNOWN_TOPIC', { topic: 'astrology', valid: ['cnn', 'llm'] }),
  fail('UNKNOWN_TEAM', { name: '@here', teams: [] }),
  fail('UNKNOWN_TEAM', { name: 'Owls', teams: ['Deep Divers', '@everyone'] }),
  fail('TEAM_CONFLICT', { team: '<@&42> role' }),
  fail('NOT_IN_TEAM', {}),
  fail('NO_SCHEDULE', { then: 'off' }),
  fail('NO_SCHEDULE', { then: 'status' }),
  fail('NO_SCHEDULE', { then: 'now' }),
  fail('DAILY_ALREADY_POSTED', { inProgress: true }),
  fail('DAILY_UNAVAILABLE', {}),
  fail('CHANNEL_REQUIRED', {}),
  fail('FORBIDDEN', { reason: 'Backprop needs Send Messages in that channel.' }),
  fail('STALE_ACTION', { command: 'leaderboard' }),
  fail('INVALID_OPTION', { option: 'length', min: 3, max: 10 }),
  fail('NO_INTERVIEW', {}),
  fail('INTERVIEW_MOVED_ON', {}),
  fail('NO_REMINDER', {}),
  fail('REMINDERS_UNAVAILABLE', {}),
];

/** Every code, so a test can check the samples cover them all. */
export const ALL_CODES: readonly UserErrorCode[] = [
  'NO_QUESTIONS', 'DELIVERY_NOT_FOUND', 'DELIVERY_CLOSED', 'NOT_YOUR_QUIZ', 'WRONG_MODE', 'ALREADY_ANSWERED', 'INVALID_ANSWER',
  'INVALID_OPTION', 'UNKNOWN_TOPIC', 'UNKNOWN_TEAM', 'TEAM_CONFLICT', 'NOT_IN_TEAM', 'NO_SCHEDULE', 'DAILY_ALREADY_POSTED',
  'DAILY_UNAVAILABLE', 'CHANNEL_REQUIRED', 'FORBIDDEN', 'STALE_ACTION', 'NO_INTERVIEW', 'INTERVIEW_MOVED_ON', 'NO_REMINDER',
  'REMINDERS_UNAVAILABLE',
] satisfies readonly UserErrorCode[];
