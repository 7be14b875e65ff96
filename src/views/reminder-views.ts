import type { ReminderRenderer, ReminderStatus } from '../core/learning/reminder-service.js';
import { message, type MessageReply } from '../core/reply.js';
import { clockTime, plural, type NameCommand } from './format.js';

const TITLE = 'Practice reminder';

/** The direct message a member gets at their reminder time on days with reviews due. */
export const reminderRenderer: ReminderRenderer = {
  reminder(due, invocation) {
    return message({
      title: TITLE,
      text: `You have **${plural(due, 'review')}** due today. A few minutes now keeps what you learned: ${invocation('practice')}.`,
      footer: `Turn these off with ${invocation('remind off')}.`,
      tone: 'info',
    });
  },
};

function dueLine(status: ReminderStatus): string {
  if (status.dueNow === null) return '';
  return status.dueNow === 0 ? ' Nothing is due right now.' : ` ${plural(status.dueNow, 'review')} due right now.`;
}

export function reminderSetReply(status: ReminderStatus, cmd: NameCommand): MessageReply {
  const r = status.reminder;
  return message({
    title: TITLE,
    text: `I will send you a direct message at **${r.time}** (${r.timeZone}) on days when you have reviews due, at most once a day. Next look: ${clockTime(r.nextAt, r.timeZone)}.${dueLine(status)}`,
    footer: `Another time zone: ${cmd('remind on')} HH:MM timezone:Area/City · stop with ${cmd('remind off')}`,
    tone: 'success',
    ephemeral: true,
  });
}

export function reminderStatusReply(status: ReminderStatus, cmd: NameCommand): MessageReply {
  const r = status.reminder;
  return message({
    title: TITLE,
    text: `Your reminder is on: **${r.time}** (${r.timeZone}), on days with reviews due.${dueLine(status)}`,
    footer: `Stop with ${cmd('remind off')}`,
    tone: 'info',
    ephemeral: true,
  });
}

export function reminderOffReply(cmd: NameCommand): MessageReply {
  return message({ title: TITLE, text: `Your practice reminder is off. Turn it on again with ${cmd('remind on')} HH:MM.`, tone: 'info', ephemeral: true });
}
