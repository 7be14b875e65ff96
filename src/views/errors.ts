import { message, type MessageReply } from '../core/reply.js';
import type { UserError } from '../core/result.js';
import type { NameCommand } from './format.js';

/**
 * The words for every user error the core and the commands return as a code, written with the
 * platform's own way of naming a command ("/quiz" on Discord, "/prep quiz" on Slack).
 */

/** Said while the process is stopping: nothing was started, and another replica or the restart will take it. */
export const RESTARTING_TEXT = 'Backprop is restarting. Nothing was changed; please try again in a moment.';
/** Said when a result is late but may still land: "nothing was changed" would not be known to be true. */
export const STILL_PROCESSING_TEXT = 'Backprop is still processing this: its storage is slow right now. The result will appear here when it is recorded; if nothing appears within a minute, please try again.';
export const UNAVAILABLE_TEXT = 'Backprop is temporarily unavailable (its storage did not answer). Nothing was changed; please try again in a minute.';

export const TEAM_NAME_RULES = '2–32 characters: letters, digits, spaces, hyphens, underscores and dots';

export function errorReply(text: string, update = false): MessageReply {
  return message({ title: 'That did not work', text, tone: 'error', ephemeral: true, update });
}

export function userErrorReply(e: UserError, cmd: NameCommand): MessageReply {
  return errorReply(userErrorText(e, cmd));
}

const quoted = (s: string, max = 40) => `"${s.slice(0, max)}"`;

export function userErrorText(e: UserError, cmd: NameCommand): string {
  switch (e.code) {
    case 'NO_QUESTIONS':
      return e.params.daily
        ? 'No questions match that topic and difficulty; choose a broader filter.'
        : `No questions match topic ${e.params.topic ?? 'any'} and difficulty ${e.params.difficulty ?? 'any'}. Try another combination.`;
    case 'DELIVERY_NOT_FOUND':
      return `This question has expired or no longer exists. Start a new one with ${cmd('quiz')}.`;
    case 'DELIVERY_CLOSED':
      return 'This daily question is closed: its answer has been revealed. The next one comes with the schedule.';
    case 'NOT_YOUR_QUIZ':
      return `This question belongs to someone else. Start your own with ${cmd('quiz')}.`;
    case 'WRONG_MODE':
      return `This is a ${e.params.mode} question; it cannot be answered as ${e.params.requested}.`;
    case 'ALREADY_ANSWERED':
      return `You have already answered this question; only your first answer counts. Start a new one with ${cmd('quiz')}.`;
    case 'INVALID_ANSWER': {
      const p = e.params;
      if (p.problem === 'choice') return `Choose one of the options 1 to ${p.options}.`;
      if (p.problem === 'empty') return 'Your answer is empty. Write a few sentences in your own words.';
      return `Your answer has ${p.length} characters; the limit is ${p.max}. Shorten it and try again.`;
    }
    case 'INVALID_OPTION':
      return invalidOption(e.params);
    case 'UNKNOWN_TOPIC':
      return `Unknown topic ${quoted(e.params.topic, 100)}. Valid topics: ${e.params.valid.join(', ')}.`;
    case 'UNKNOWN_TEAM': {
      const { name, teams } = e.params;
      const valid = teams.length === 0 ? `There are no teams yet; create one with ${cmd('team join')} <name>.` : `Teams: ${teams.join(', ')}.`;
      return `There is no team called ${quoted(name)}. ${valid}`;
    }
    case 'TEAM_CONFLICT':
      return `You are already in team ${e.params.team}; one team per person. Leave it first with ${cmd('team leave')}.`;
    case 'NOT_IN_TEAM':
      return `You are not in a team. Join one with ${cmd('team join')} <name>.`;
    case 'NO_SCHEDULE':
      if (e.params.then === 'off') return 'There is no daily question in this channel, so nothing was turned off.';
      if (e.params.then === 'now') return `There is no daily question in this channel yet. Set one up first with ${cmd('daily setup')}.`;
      return `There is no daily question in this channel. An admin can set one up with ${cmd('daily setup')}.`;
    case 'DAILY_ALREADY_POSTED':
      return `Today's daily question was already posted here${e.params.inProgress ? ' (or is being posted right now)' : ''}; the next one follows the schedule.`;
    case 'DAILY_UNAVAILABLE':
      return 'Daily questions are not available here.';
    case 'CHANNEL_REQUIRED':
      return 'Name a channel with the channel option.';
    case 'FORBIDDEN':
      return e.params.reason;
    case 'STALE_ACTION':
      return `This ${e.params.command} button is out of date; run ${cmd(e.params.command)} again.`;
    case 'NO_INTERVIEW':
      return `You have no mock interview running (interviews last 24 hours). Start one with ${cmd('interview start')}.`;
    case 'INTERVIEW_MOVED_ON':
      return `This question of your interview was already answered. See where you are with ${cmd('interview status')}.`;
    case 'NO_REMINDER':
      return `You have no practice reminder. Set one with ${cmd('remind on')} HH:MM.`;
    case 'REMINDERS_UNAVAILABLE':
      return 'Practice reminders are sent as direct messages, which are not available here.';
    case 'PACK_INVALID':
      return `The pack was not imported; nothing was stored. Fix these and import it again:\n${e.params.problems.map((p) => `- ${p.entry ? `entry ${quoted(p.entry)}, ` : ''}${p.field}: ${p.message}`).join('\n')}`;
    case 'PACK_LIMIT':
      return `This community already has ${e.params.max} packs, the most it may keep. Remove one with ${cmd('pack remove')} first.`;
    case 'UNKNOWN_PACK':
      return `There is no pack called ${quoted(e.params.name)}. ${e.params.packs.length === 0 ? `No packs yet: import one with ${cmd('pack import')}.` : `Packs: ${e.params.packs.join(', ')}.`}`;
    case 'PACK_FILE':
      if (e.params.problem === 'missing') return `Attach the pack's YAML or JSON file to ${cmd('pack import')}.`;
      if (e.params.problem === 'too-large') return `The file is larger than a pack may be (${e.params.max ?? 0} bytes); split it into several packs.`;
      return `The pack's file could not be read${e.params.detail ? ` (${e.params.detail})` : ''}. Nothing was stored; try again.`;
    case 'REPORT_DUPLICATE':
      return 'You have already reported this question; an admin will look at it.';
    case 'REPORT_RATE_LIMITED':
      return `You have filed ${e.params.limit} reports in the last ${e.params.windowMinutes} minutes, the most allowed. Please try again later.`;
    case 'NO_REPORTS':
      return `Question ${quoted(e.params.questionId, 80)} has no open reports.`;
  }
}

function invalidOption(p: Extract<UserError, { code: 'INVALID_OPTION' }>['params']): string {
  switch (p.option) {
    case 'team-name':
      if (p.lookalike) return `${quoted(p.value)} mixes alphabets to look like the team ${quoted(p.lookalike)}. Join ${quoted(p.lookalike)} or pick another name.`;
      return `${quoted(p.value)} is not a valid team name. Use ${TEAM_NAME_RULES}.`;
    case 'time':
      return `${quoted(p.value, 20)} is not a time. Use HH:MM on a 24-hour clock, for example 09:00 or 17:30.`;
    case 'timezone':
      return `${quoted(p.value)} is not a known time zone. Use an IANA name such as Europe/Berlin, America/New_York, Asia/Kolkata or UTC.`;
    case 'weekdays':
      return `${quoted(p.value)} is not a set of weekdays. Use daily, weekdays, weekends, a list such as mon,wed,fri, or a range such as mon-thu.`;
    case 'difficulty':
      return `Difficulty must be one of ${p.valid.join(', ')}.`;
    case 'mode':
      return `Mode must be one of ${p.valid.join(', ')}.`;
    case 'rating':
      return `Rate with one of: ${p.valid.join(', ')}.`;
    case 'reveal-hours':
      return `The reveal delay must be a whole number of hours from ${p.min} to ${p.max}.`;
    case 'length':
      return `An interview has from ${p.min} to ${p.max} questions.`;
  }
}
