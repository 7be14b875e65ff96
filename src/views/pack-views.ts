import { message, type MessageReply, type PromptReply, type ReplyButton } from '../core/reply.js';
import { PACK_LIMITS, REPORT_NOTE_MAX, REPORT_REASONS, type OpenReports, type PackSummary, type ReportReason, questionRef } from '../core/packs/pack.js';
import type { ImportedPack, ReportFiled } from '../core/packs/pack-service.js';
import { packActions } from '../../commands/pack.actions.js';
import type { NameCommand } from './format.js';

const REASON_WORDS: Record<ReportReason, string> = {
  'wrong-key': 'Wrong answer key',
  unclear: 'Unclear',
  outdated: 'Outdated',
  other: 'Other',
};

/** The Report button every answered card carries, after the card's own buttons. */
export function withReportButton(rows: ReplyButton[][] | undefined, deliveryId: string): ReplyButton[][] {
  const report: ReplyButton = { label: 'Report', action: packActions.report.ref({ deliveryId }), style: 'secondary' };
  const [first, ...rest] = rows ?? [];
  return first && first.length < 5 ? [[...first, report], ...rest] : [...(rows ?? []), [report]];
}

export function reportReasons(deliveryId: string): MessageReply {
  return message({
    title: 'Report a problem',
    text: 'What is wrong with this question? An admin of this community will see your report.',
    buttons: [REPORT_REASONS.map((reason) => ({ label: REASON_WORDS[reason], action: packActions.reason.ref({ deliveryId, reason }), style: 'secondary' as const }))],
    tone: 'info',
    ephemeral: true,
  });
}

export function reportNotePrompt(deliveryId: string, reason: ReportReason): PromptReply {
  return {
    type: 'prompt',
    action: packActions.note.ref({ deliveryId, reason }),
    title: 'Report a problem',
    label: 'One sentence on what is wrong (optional)',
    placeholder: 'e.g. the key says ReLU but the question asks about GELU',
    minLength: 0,
    maxLength: REPORT_NOTE_MAX,
    multiline: false,
  };
}

export function reportFiled(r: ReportFiled): MessageReply {
  const paused = r.paused ? ' Several members reported it, so it is paused here until an admin looks at it.' : '';
  return message({ title: 'Thanks for the report', text: `An admin will look at it.${paused}`, tone: 'success', ephemeral: true });
}

export function packImported({ pack, outcome }: ImportedPack, cmd: NameCommand): MessageReply {
  const text = [
    `**${pack.name}** ${pack.version} is ${outcome === 'replaced' ? 'updated' : 'imported'}: ${pack.questions.length} question${pack.questions.length === 1 ? '' : 's'}, enabled.`,
    `Quiz on it with ${cmd('quiz')} topic:${pack.name}.`,
  ];
  const fields = pack.warnings.length > 0
    ? [{ name: `Warnings (${pack.warnings.length})`, value: pack.warnings.map((w) => `- ${w.entry ? `entry "${w.entry}", ` : ''}${w.field}: ${w.message}`).join('\n') }]
    : undefined;
  return message({ title: 'Pack imported', text: text.join('\n'), fields, tone: pack.warnings.length > 0 ? 'warning' : 'success', ephemeral: true });
}

export function packList(packs: readonly PackSummary[], cmd: NameCommand): MessageReply {
  if (packs.length === 0) return message({ title: 'Packs', text: `No packs yet. Import one with ${cmd('pack import')}.`, tone: 'info', ephemeral: true });
  const lines = packs.map((p) => `- **${p.name}** ${p.version}: ${p.entries} question${p.entries === 1 ? '' : 's'}, ${p.enabled ? 'enabled' : 'disabled'}`);
  return message({ title: `Packs (${packs.length} of ${PACK_LIMITS.packs})`, text: lines.join('\n'), tone: 'info', ephemeral: true });
}

export function packChanged(name: string, change: 'enabled' | 'disabled' | 'removed'): MessageReply {
  const after = change === 'disabled' ? ' Its questions are hidden; members keep their history.' : change === 'removed' ? ' Members keep the points they earned with it.' : '';
  return message({ title: 'Packs', text: `**${name}** is ${change}.${after}`, tone: 'success', ephemeral: true });
}

/** The pack's file as imported; platforms with file uploads may send it as a file instead. */
/**
 * The pack's file, given back whole as an attachment (Discord: on the reply; Slack: in a direct
 * message; console: written to a file). The text shows it too, cut to fit where it must be.
 */
export function packExport(name: string, source: string, format: 'yaml' | 'json'): MessageReply {
  const file = `${name}.${format === 'json' ? 'json' : 'yaml'}`;
  const bytes = new TextEncoder().encode(source);
  return message({
    title: file,
    text: `The whole pack is attached as **${file}** (${bytes.length} bytes).\n\`\`\`\n${source}\n\`\`\``,
    attachments: [{ name: file, mime: format === 'json' ? 'application/json' : 'application/yaml', data: bytes, alt: `The question pack ${name}, as imported` }],
    tone: 'info',
    ephemeral: true,
  });
}

export function reportsList(open: readonly OpenReports[], isAdmin: boolean): MessageReply {
  if (open.length === 0) return message({ title: 'Reports', text: 'No open reports.', tone: 'info', ephemeral: true });
  const shown = open.slice(0, 10);
  const fields = shown.map((r) => ({
    name: `${r.questionId}${r.paused ? ' (paused)' : ''}`,
    value: r.reports.map((x) => `- ${REASON_WORDS[x.reason]}${x.note ? `: ${x.note}` : ''}`).join('\n'),
  }));
  const buttons = isAdmin ? shown.slice(0, 5).map((r) => [{ label: `Resolve ${r.questionId}`.slice(0, 80), action: packActions.resolve.ref({ ref: questionRef(r.questionId) }), style: 'primary' as const }]) : undefined;
  const more = open.length > shown.length ? ` (showing ${shown.length})` : '';
  return message({ title: `Open reports: ${open.length}${more}`, fields, buttons, tone: 'info', ephemeral: true });
}

export function reportsResolved(questionId: string): MessageReply {
  return message({ title: 'Reports', text: `The reports on **${questionId}** are resolved; the question is back in rotation.`, tone: 'success', ephemeral: true });
}

/** Where a file cannot be attached (Slack's slash commands), a small pack is pasted into a form. */
export const PASTE_MAX_CHARS = 3000;
export function packPastePrompt(): PromptReply {
  return {
    type: 'prompt',
    action: packActions.paste.ref({}),
    title: 'Import a pack',
    label: 'The pack, as YAML or JSON',
    placeholder: 'name: our-stack\nversion: 1\nquestions: …',
    minLength: 1,
    maxLength: PASTE_MAX_CHARS,
    multiline: true,
  };
}

/** Slack: the file follows the command, shared in the same conversation. */
export function packShareFile(cmd: NameCommand): MessageReply {
  return message({
    title: 'Import a pack',
    text: `Now share the pack's YAML or JSON file (at most 1 MB) in this conversation, within 10 minutes; Backprop imports it and answers here. To update a pack later, run ${cmd('pack import')} again.`,
    tone: 'info',
    ephemeral: true,
  });
}
