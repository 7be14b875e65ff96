import { defineCommand, type CommandDef } from '../src/registry/command.js';
import { helpReply } from '../src/views/help-views.js';

function usage(c: CommandDef): string[] {
  const args = (options: CommandDef['options']) => (options ?? []).map((o) => (o.required ? ` <${o.name}>` : ` [${o.name}]`)).join('');
  if (c.subcommands) return c.subcommands.map((s) => `${c.name} ${s.name}${args(s.options)}`);
  return [`${c.name}${args(c.options)}`];
}

export default defineCommand({
  name: 'help',
  description: 'What Backprop does and how to use each command',
  async run(ctx) {
    const entries = ctx.commands.filter((c) => !c.adminOnly || ctx.isAdmin).map((c) => ({ usage: usage(c), description: c.description }));
    return helpReply(entries, ctx.invocation);
  },
});
