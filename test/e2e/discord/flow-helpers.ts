import { MessageFlags, type APIEmbed, type APIMessage } from 'discord-api-types/v10';
import type { UserRef } from '../../../src/core/identity.js';
import type { Actor, FakeDiscord } from '../../support/fake-discord/index.js';
import { FIXTURE_MODEL_ANSWER } from '../../support/builders.js';

/** The correct option of every fixture question (test/support/builders.ts). */
export const FIXTURE_CORRECT = 'The chain rule, backwards';
/** An open answer that covers every fixture key point. */
/** The fixture entries' model answer: it scores 100. */
export const FIXTURE_GOOD_ANSWER = FIXTURE_MODEL_ANSWER;

export function embed(message: APIMessage | undefined): APIEmbed {
  const e = message?.embeds[0];
  if (!e) throw new Error('the message has no embed');
  return e;
}

/** Everything a member reads in the message: title, description, fields and footer. */
export function text(message: APIMessage | undefined): string {
  const e = embed(message);
  return [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n');
}

export function buttonLabels(message: APIMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) => ('components' in row ? row.components.flatMap((c) => ('label' in c && c.label ? [c.label] : [])) : []));
}

export function buttonIds(message: APIMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) => ('components' in row ? row.components.flatMap((c) => ('custom_id' in c ? [c.custom_id] : [])) : []));
}

export const isEphemeral = (message: APIMessage | undefined) => ((message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

/** The button label ("1".."4") of the option with the given text, read as a member reads it. */
export function optionLabel(message: APIMessage | undefined, option: string): string {
  const line = embed(message).description?.split('\n').find((l) => l.includes(option));
  const n = line && /\*\*(\d)\.\*\*/.exec(line)?.[1];
  if (!n) throw new Error(`option "${option}" is not on the card`);
  return n;
}

export function wrongLabel(message: APIMessage | undefined): string {
  return ['1', '2', '3', '4'].find((l) => l !== optionLabel(message, FIXTURE_CORRECT))!;
}

/** The delivery id a quiz card's buttons carry (custom_id bp1|quiz.<verb>|<id>|...). */
export function deliveryId(message: APIMessage | undefined): string {
  const id = buttonIds(message).map((c) => c.split('|')).find((p) => p[1]?.startsWith('quiz.') && p[1] !== 'quiz.next')?.[2];
  if (!id) throw new Error('no quiz button on the message');
  return id;
}

export function userRef(fake: FakeDiscord, actor: Actor): UserRef {
  return { community: { platform: 'discord', id: fake.guildId }, userId: actor.user.id, displayName: actor.user.global_name ?? actor.user.username };
}
