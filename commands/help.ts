import { message } from '../src/core/reply.js';
import { defineCommand, type CommandDef } from '../src/registry/command.js';

function usage(c: CommandDef): string[] {
  if (c.subcommands) return c.subcommands.map((s) => `${c.name} ${s.name}${(s.options ?? []).map((o) => (o.required ? ` <${o.name}>` : ` [${o.name}]`)).join('')}`);
  return [`${c.name}${(c.options ?? []).map((o) => (o.required ? ` <${o.name}>` : ` [${o.name}]`)).join('')}`];
}

export default defineCommand({
  name: 'help',
  description: 'What Backprop does and how to use each command',
  async run(ctx) {
    const lines = ctx.commands
      .filter((c) => !c.adminOnly || ctx.isAdmin)
      .flatMap((c) => [`**${ctx.invocation(usage(c)[0]!)}** — ${c.description}`, ...usage(c).slice(1).map((u) => `  ${ctx.invocation(u)}`)]);
    return message({
      title: 'Backprop — deep-learning interview prep',
      text: [
        'Practice the questions interviewers ask: multiple choice, written answers graded on key points, or flash cards.',
        'Points depend on difficulty; a hint halves them; each question scores once per 30 days. Answer daily to keep your streak.',
        '',
        ...lines,
      ].join('\n'),
      tone: 'info',
      ephemeral: true,
    });
  },
});
