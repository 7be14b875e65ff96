import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Difficulty } from '../../src/core/bank/schema.js';
import { message } from '../../src/core/reply.js';
import { defineCommand } from '../../src/registry/command.js';

describe('defineCommand', () => {
  it('types each option from its definition, so handlers need no casts', () => {
    const cmd = defineCommand({
      name: 'typed',
      description: 'typed options',
      options: [
        { name: 'count', description: 'n', type: 'integer', required: true },
        { name: 'topic', description: 't', type: 'string', dynamicChoices: 'topic' },
        { name: 'level', description: 'l', type: 'string', choices: [{ name: 'beginner', value: 'beginner' }, { name: 'advanced', value: 'advanced' }] },
        { name: 'share', description: 's', type: 'boolean' },
        { name: 'who', description: 'w', type: 'user' },
      ],
      async run(_ctx, { options }) {
        expectTypeOf(options.count).toEqualTypeOf<number>();
        // A bank topic or a community's pack name: the core checks it.
        expectTypeOf(options.topic).toEqualTypeOf<string | undefined>();
        expectTypeOf(options.level).toEqualTypeOf<'beginner' | 'advanced' | undefined>();
        expectTypeOf(options.level).toExtend<Difficulty | undefined>();
        expectTypeOf(options.share).toEqualTypeOf<boolean | undefined>();
        expectTypeOf(options.who).toEqualTypeOf<string | undefined>();
        // @ts-expect-error an option the definition does not declare
        void options.nope;
        return message({ text: 'ok' });
      },
    });
    expect(cmd.name).toBe('typed');
  });

  it('narrows the options by subcommand', () => {
    defineCommand({
      name: 'subs',
      description: 'subcommands',
      subcommands: [
        { name: 'join', description: 'j', options: [{ name: 'name', description: 'n', type: 'string', required: true }] },
        { name: 'leave', description: 'l' },
      ],
      async run(_ctx, input) {
        if (input.subcommand === 'join') expectTypeOf(input.options.name).toEqualTypeOf<string>();
        else expectTypeOf(input.subcommand).toEqualTypeOf<'leave'>();
        return message({ text: 'ok' });
      },
    });
  });
});
