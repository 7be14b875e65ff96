import { z } from 'zod';

/** What Discord and Slack accept; checked when the commands load, not when a platform rejects them. */
const name = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'lowercase, 1–32 characters: a-z, 0-9, hyphen, underscore');
const description = z.string().min(1).max(100);

const optionSchema = z
  .object({
    name,
    description,
    type: z.enum(['string', 'integer', 'boolean', 'user', 'channel', 'attachment']),
    required: z.boolean().optional(),
    choices: z.array(z.object({ name: z.string().min(1).max(100), value: z.string().min(1).max(100) })).max(25).optional(),
    dynamicChoices: z.literal('topic').optional(),
    minValue: z.number().optional(),
    maxValue: z.number().optional(),
    maxLength: z.number().int().positive().max(6000).optional(),
    rest: z.boolean().optional(),
  })
  .strict();

const optionsSchema = z
  .array(optionSchema)
  .max(25)
  .refine((opts) => new Set(opts.map((o) => o.name)).size === opts.length, 'option names must be unique')
  .refine((opts) => {
    const firstOptional = opts.findIndex((o) => !o.required);
    return firstOptional === -1 || opts.slice(firstOptional).every((o) => !o.required);
  }, 'required options must come before optional ones (Discord requires it)');

const boundAction = z.looseObject({ name: z.string().regex(/^[a-z]+\.[a-z-]+$/, 'actions are named "command.verb"') });

export const commandSchema = z
  .object({
    name,
    description,
    options: optionsSchema.optional(),
    subcommands: z
      .array(z.object({ name, description, options: optionsSchema.optional() }).strict())
      .max(25)
      .optional(),
    textDefault: name.optional(),
    textRoutes: z.record(name, name).optional(),
    adminOnly: z.boolean().optional(),
    run: z.function(),
    actions: z.array(boundAction).optional(),
    prompts: z.array(boundAction).optional(),
  })
  .strict()
  .refine((c) => !(c.options && c.subcommands), 'a command has either options or subcommands, not both')
  .refine((c) => c.textDefault === undefined || (c.subcommands ?? []).some((s) => s.name === c.textDefault), 'textDefault names one of its subcommands');
