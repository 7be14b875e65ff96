import { ok, fail } from '../src/core/result.js';
import { isReportReason, type ReportReason } from '../src/core/packs/pack.js';
import { defineAction } from '../src/registry/action.js';

/** The report flow's buttons and form (any member) and the admins' resolve button; commands/pack.ts handles them. */

interface OnDelivery {
  deliveryId: string;
}
interface WithReason extends OnDelivery {
  reason: ReportReason;
}

const withReason = (name: string, word: (p: WithReason) => string, opensPrompt: boolean) =>
  defineAction<WithReason>(name, {
    toArgs: (p) => [p.deliveryId, p.reason],
    fromArgs: ([deliveryId = '', reason = '']) => (isReportReason(reason) ? ok({ deliveryId, reason }) : fail('STALE_ACTION', { command: 'quiz' })),
    word,
    opensPrompt,
  });

export const packActions = {
  /** "Report" on an answered card: asks what is wrong. */
  report: defineAction<OnDelivery>('pack.report', {
    toArgs: (p) => [p.deliveryId],
    fromArgs: ([deliveryId = '']) => ok({ deliveryId }),
    word: () => 'report',
  }),
  /** One of the reasons: asks for an optional sentence. */
  reason: withReason('pack.reason', (p) => p.reason, true),
  /** The optional sentence's form; an empty one files the report as it is. */
  note: withReason('pack.note', () => 'note', false),
  /** The form a small pack is pasted into (no file attached). */
  paste: defineAction<object>('pack.paste', { toArgs: () => [], fromArgs: () => ok({}), word: () => 'paste' }),
  /** Admins: resolve a question's reports (and lift its pause). Carries a short ref of the id: ids may be longer than a button allows. */
  resolve: defineAction<{ ref: string }>('pack.resolve', {
    toArgs: (p) => [p.ref],
    fromArgs: ([ref = '']) => (/^[0-9a-z]{1,8}$/.test(ref) ? ok({ ref }) : fail('STALE_ACTION', { command: 'pack' })),
    word: (p) => `resolve-${p.ref}`,
  }),
};

