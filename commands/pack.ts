import { PACK_LIMITS, questionRef } from '../src/core/packs/pack.js';
import { fail } from '../src/core/result.js';
import { onAction, onSubmit } from '../src/registry/action.js';
import { defineCommand, type CommandContext, type OptionDef } from '../src/registry/command.js';
import { packShareFile, packPastePrompt, packChanged, packExport, packImported, packList, reportFiled, reportNotePrompt, reportReasons, reportsList, reportsResolved } from '../src/views/pack-views.js';
import { packActions } from './pack.actions.js';
import { respond } from './shared/respond.js';

const nameOption = { name: 'name', description: "The pack's name (see pack list)", type: 'string', required: true, maxLength: 40 } as const satisfies OptionDef;

/** The pack file's text, read by the adapter: a Discord attachment, a file shared on Slack, a path on the console. */
async function packSource(ctx: CommandContext, file: string) {
  if (!ctx.readAttachment) return fail('PACK_FILE', { problem: 'unreadable', detail: 'files cannot be attached here' });
  const read = await ctx.readAttachment(file, PACK_LIMITS.bytes);
  if (!read.ok) return fail('PACK_FILE', { problem: read.problem, max: PACK_LIMITS.bytes, detail: read.detail });
  return read.text;
}

export default defineCommand({
  name: 'pack',
  description: "Admins: your community's own question packs, and members' reports",
  adminOnly: true,
  subcommands: [
    { name: 'import', description: 'Import or update a pack from a YAML or JSON file', options: [{ name: 'file', description: 'The pack file (YAML or JSON, at most 1 MB)', type: 'attachment' }] },
    { name: 'list', description: "This community's packs" },
    { name: 'enable', description: "Show a pack's questions again", options: [nameOption] },
    { name: 'disable', description: "Hide a pack's questions (members keep their history)", options: [nameOption] },
    { name: 'remove', description: 'Delete a pack (members keep their points)', options: [nameOption] },
    { name: 'export', description: "Get a pack's file back", options: [nameOption] },
    { name: 'reports', description: "Members' open reports of wrong or unclear questions" },
    { name: 'resolve', description: "Resolve a question's reports and lift its pause", options: [{ name: 'question', description: 'The question id, as pack reports lists it', type: 'string', required: true, maxLength: 80 }] },
  ],
  async run(ctx, { subcommand, options }) {
    const c = ctx.user.community;
    const packs = ctx.core.packs;
    switch (subcommand) {
      case 'import': {
        // No file: Slack's slash commands take none, so the admin shares it next; elsewhere a form to paste a small pack into.
        if (options.file === undefined) {
          if (!ctx.awaitFile) return packPastePrompt();
          await ctx.awaitFile();
          return packShareFile(ctx.invocation);
        }
        const source = await packSource(ctx, options.file);
        if (typeof source !== 'string') return source;
        return respond(await packs.import(ctx.user, source), (r) => packImported(r, ctx.invocation));
      }
      case 'list':
        return packList(await packs.list(c), ctx.invocation);
      case 'enable':
      case 'disable':
        return respond(await packs.setEnabled(c, options.name, subcommand === 'enable'), (p) => packChanged(p.name, subcommand === 'enable' ? 'enabled' : 'disabled'));
      case 'remove':
        return respond(await packs.remove(c, options.name), (p) => packChanged(p.name, 'removed'));
      case 'export':
        return respond(await packs.export(c, options.name), (p) => packExport(p.name, p.source, p.format));
      case 'resolve':
        return respond(await packs.resolve(c, options.question), (r) => reportsResolved(r.questionId));
      default:
        return reportsList(await packs.openReports(c), ctx.isAdmin);
    }
  },
  actions: [
    onAction(packActions.report, async (ctx, { deliveryId }) => respond(await ctx.core.packs.reportable(ctx.user, deliveryId), () => reportReasons(deliveryId))),
    onAction(packActions.reason, async (ctx, { deliveryId, reason }) => respond(await ctx.core.packs.reportable(ctx.user, deliveryId), () => reportNotePrompt(deliveryId, reason))),
    onAction(packActions.resolve, async (ctx, { ref }) => {
      if (!ctx.isAdmin) return fail('FORBIDDEN', { reason: `Only ${ctx.adminRule ?? 'admins'} can resolve reports.` });
      const open = await ctx.core.packs.openReports(ctx.user.community);
      const target = open.find((r) => questionRef(r.questionId) === ref);
      if (!target) return fail('NO_REPORTS', { questionId: ref });
      return respond(await ctx.core.packs.resolve(ctx.user.community, target.questionId), (r) => reportsResolved(r.questionId));
    }),
  ],
  prompts: [
    onSubmit(packActions.note, async (ctx, { deliveryId, reason }, text) => respond(await ctx.core.packs.reportDelivery(ctx.user, deliveryId, reason, text), reportFiled)),
    onSubmit(packActions.paste, async (ctx, _params, text) => respond(await ctx.core.packs.import(ctx.user, text), (r) => packImported(r, ctx.invocation))),
  ],
});
