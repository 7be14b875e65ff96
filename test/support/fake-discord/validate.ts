/**
 * The fake's checks of what the bot sends, so a body real Discord would reject with
 * "Invalid Form Body" (50035) is rejected here too. Each returns the problems found.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function checkLength(problems: string[], where: string, v: unknown, min: number, max: number): void {
  if (v === undefined) {
    if (min > 0) problems.push(`${where}: required`);
    return;
  }
  if (typeof v !== 'string') return void problems.push(`${where}: must be a string`);
  if (v.length < min || v.length > max) problems.push(`${where}: length ${v.length} not in ${min}..${max}`);
}

/** Embeds, buttons and content of a message body (create or edit). */
export function messageProblems(body: unknown, opts: { creating: boolean }): string[] {
  const problems: string[] = [];
  if (!isObject(body)) return ['body: must be an object'];
  if (body['content'] !== undefined) checkLength(problems, 'content', body['content'], 0, 2000);
  const embeds = list(body['embeds']);
  if (embeds.length > 10) problems.push('embeds: at most 10');
  let total = 0;
  embeds.forEach((e, i) => {
    if (!isObject(e)) return void problems.push(`embeds.${i}: must be an object`);
    const w = `embeds.${i}`;
    if (e['title'] !== undefined) checkLength(problems, `${w}.title`, e['title'], 1, 256);
    if (e['description'] !== undefined) checkLength(problems, `${w}.description`, e['description'], 1, 4096);
    const footer = isObject(e['footer']) ? e['footer'] : undefined;
    if (footer) checkLength(problems, `${w}.footer.text`, footer['text'], 1, 2048);
    const fields = list(e['fields']);
    if (fields.length > 25) problems.push(`${w}.fields: at most 25`);
    fields.forEach((f, j) => {
      const fw = `${w}.fields.${j}`;
      if (!isObject(f)) return void problems.push(`${fw}: must be an object`);
      checkLength(problems, `${fw}.name`, f['name'], 1, 256);
      checkLength(problems, `${fw}.value`, f['value'], 1, 1024);
      total += str(f['name']).length + str(f['value']).length;
    });
    total += str(e['title']).length + str(e['description']).length + str(footer?.['text']).length;
    if (e['title'] === undefined && e['description'] === undefined && fields.length === 0) problems.push(`${w}: empty embed`);
  });
  if (total > 6000) problems.push(`embeds: ${total} characters in all, the limit is 6000`);
  const rows = list(body['components']);
  if (rows.length > 5) problems.push('components: at most 5 rows');
  rows.forEach((row, i) => {
    if (!isObject(row) || row['type'] !== 1) return void problems.push(`components.${i}: must be an action row`);
    const buttons = list(row['components']);
    if (buttons.length < 1 || buttons.length > 5) problems.push(`components.${i}: 1..5 components, got ${buttons.length}`);
    buttons.forEach((b, j) => {
      const bw = `components.${i}.components.${j}`;
      if (!isObject(b) || b['type'] !== 2) return void problems.push(`${bw}: must be a button`);
      checkLength(problems, `${bw}.custom_id`, b['custom_id'], 1, 100);
      checkLength(problems, `${bw}.label`, b['label'], 1, 80);
      if (![1, 2, 3, 4].includes(Number(b['style']))) problems.push(`${bw}.style: invalid`);
    });
  });
  if (opts.creating && !str(body['content']) && embeds.length === 0 && rows.length === 0) problems.push('Cannot send an empty message');
  return problems;
}

export function modalProblems(data: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(data)) return ['data: must be an object'];
  checkLength(problems, 'custom_id', data['custom_id'], 1, 100);
  checkLength(problems, 'title', data['title'], 1, 45);
  const components = list(data['components']);
  if (components.length < 1 || components.length > 5) problems.push('components: 1..5');
  components.forEach((c, i) => {
    if (!isObject(c) || c['type'] !== 18 || !isObject(c['component'])) return void problems.push(`components.${i}: must be a label with a component`);
    checkLength(problems, `components.${i}.label`, c['label'], 1, 45);
    const input = c['component'];
    if (input['type'] !== 4) return void problems.push(`components.${i}.component: must be a text input`);
    if (input['label'] !== undefined) problems.push(`components.${i}.component.label: not allowed inside a label`);
    checkLength(problems, `components.${i}.component.custom_id`, input['custom_id'], 1, 100);
    if (![1, 2].includes(Number(input['style']))) problems.push(`components.${i}.component.style: invalid`);
    const min = Number(input['min_length'] ?? 0);
    const max = Number(input['max_length'] ?? 4000);
    if (min < 0 || min > 4000 || max < 1 || max > 4000 || min > max) problems.push(`components.${i}.component: bad length bounds ${min}..${max}`);
    if (input['placeholder'] !== undefined) checkLength(problems, `components.${i}.component.placeholder`, input['placeholder'], 0, 100);
  });
  return problems;
}

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

function optionProblems(problems: string[], where: string, options: unknown[], depth: number): void {
  if (options.length > 25) problems.push(`${where}: at most 25 options`);
  let seenOptional = false;
  options.forEach((o, i) => {
    const w = `${where}.${i}`;
    if (!isObject(o)) return void problems.push(`${w}: must be an object`);
    if (!NAME.test(str(o['name']))) problems.push(`${w}.name: invalid "${str(o['name'])}"`);
    checkLength(problems, `${w}.description`, o['description'], 1, 100);
    const type = Number(o['type']);
    if (type === 1 || type === 2) {
      if (depth > 0 && type === 1 && depth > 1) problems.push(`${w}: subcommands nest too deep`);
      optionProblems(problems, `${w}.options`, list(o['options']), depth + 1);
      return;
    }
    if (type < 3 || type > 11) problems.push(`${w}.type: invalid ${type}`);
    if (o['required'] === true && seenOptional) problems.push(`${w}: required options must come before optional ones`);
    if (o['required'] !== true) seenOptional = true;
    const choices = list(o['choices']);
    if (choices.length > 25) problems.push(`${w}.choices: at most 25`);
    if (choices.length > 0 && o['autocomplete'] === true) problems.push(`${w}: autocomplete and choices are exclusive`);
    if (o['autocomplete'] === true && ![3, 4, 10].includes(type)) problems.push(`${w}: autocomplete needs a string or number option`);
  });
}

export function commandProblems(commands: unknown): string[] {
  const problems: string[] = [];
  const cmds = list(commands);
  if (!Array.isArray(commands)) return ['body: must be a list of commands'];
  if (cmds.length > 100) problems.push('at most 100 commands');
  const names = new Set<string>();
  cmds.forEach((c, i) => {
    if (!isObject(c)) return void problems.push(`${i}: must be an object`);
    const name = str(c['name']);
    if (!NAME.test(name)) problems.push(`${i}.name: invalid "${name}"`);
    if (names.has(name)) problems.push(`${i}.name: duplicate "${name}"`);
    names.add(name);
    checkLength(problems, `${i}.description`, c['description'], 1, 100);
    const perms = c['default_member_permissions'];
    if (perms !== undefined && perms !== null && !(typeof perms === 'string' && /^\d+$/.test(perms))) problems.push(`${i}.default_member_permissions: must be a bitfield string or null`);
    optionProblems(problems, `${i}.options`, list(c['options']), 0);
  });
  return problems;
}
