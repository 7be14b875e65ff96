/**
 * The Block Kit limits Slack enforces, checked by the fake on every message, modal and home view,
 * so a test fails the way Slack would (invalid_blocks) when the adapter breaks one.
 */

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const textOf = (v: unknown): string => (typeof obj(v)['text'] === 'string' ? (obj(v)['text'] as string) : '');

function textProblem(where: string, t: unknown, max: number, type?: 'plain_text' | 'mrkdwn'): string[] {
  const o = obj(t);
  const out: string[] = [];
  if (type && o['type'] !== type) out.push(`${where}: must be ${type}`);
  if (o['type'] !== 'plain_text' && o['type'] !== 'mrkdwn') out.push(`${where}: not a text object`);
  const text = textOf(t);
  if (text.length === 0) out.push(`${where}: empty text`);
  if (text.length > max) out.push(`${where}: ${text.length} > ${max} characters`);
  return out;
}

function elementProblems(where: string, e: Json, actionIds: Set<string>): string[] {
  const out: string[] = [];
  if (e['type'] === 'button') {
    out.push(...textProblem(`${where}.text`, e['text'], 75, 'plain_text'));
    if (typeof e['value'] === 'string' && e['value'].length > 2000) out.push(`${where}.value: > 2000`);
    if (e['style'] !== undefined && e['style'] !== 'primary' && e['style'] !== 'danger') out.push(`${where}.style: ${JSON.stringify(e['style'])}`);
  } else if (e['type'] === 'plain_text_input') {
    const max = e['max_length'];
    if (typeof max === 'number' && max > 3000) out.push(`${where}.max_length: ${max} > 3000`);
    if (typeof e['min_length'] === 'number' && typeof max === 'number' && e['min_length'] > max) out.push(`${where}: min_length > max_length`);
  } else {
    out.push(`${where}: unexpected element ${String(e['type'])}`);
  }
  const id = e['action_id'];
  if (typeof id === 'string') {
    if (id.length > 255) out.push(`${where}.action_id: > 255`);
    if (actionIds.has(id)) out.push(`${where}.action_id: duplicate ${id}`);
    actionIds.add(id);
  }
  return out;
}

export function blockProblems(blocks: unknown, maxBlocks: number): string[] {
  if (!Array.isArray(blocks)) return ['blocks: not an array'];
  const out: string[] = [];
  if (blocks.length > maxBlocks) out.push(`blocks: ${blocks.length} > ${maxBlocks}`);
  const actionIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const b = obj(raw);
    const where = `blocks[${i}]`;
    switch (b['type']) {
      case 'header':
        out.push(...textProblem(`${where}.text`, b['text'], 150, 'plain_text'));
        break;
      case 'section': {
        if (b['text'] === undefined && b['fields'] === undefined) out.push(`${where}: needs text or fields`);
        if (b['text'] !== undefined) out.push(...textProblem(`${where}.text`, b['text'], 3000));
        const fields = b['fields'];
        if (fields !== undefined) {
          if (!Array.isArray(fields) || fields.length === 0 || fields.length > 10) out.push(`${where}.fields: 1 to 10 allowed`);
          else fields.forEach((f, j) => out.push(...textProblem(`${where}.fields[${j}]`, f, 2000)));
        }
        break;
      }
      case 'context': {
        const els = b['elements'];
        if (!Array.isArray(els) || els.length === 0 || els.length > 10) out.push(`${where}.elements: 1 to 10 allowed`);
        else els.forEach((e, j) => out.push(...textProblem(`${where}.elements[${j}]`, e, 3000)));
        break;
      }
      case 'actions': {
        const els = b['elements'];
        if (!Array.isArray(els) || els.length === 0 || els.length > 25) out.push(`${where}.elements: 1 to 25 allowed`);
        else els.forEach((e, j) => out.push(...elementProblems(`${where}.elements[${j}]`, obj(e), actionIds)));
        break;
      }
      case 'input':
        out.push(...textProblem(`${where}.label`, b['label'], 2000, 'plain_text'));
        out.push(...elementProblems(`${where}.element`, obj(b['element']), actionIds));
        break;
      case 'divider':
        break;
      default:
        out.push(`${where}: unknown block type ${String(b['type'])}`);
    }
  });
  return out;
}

export function viewProblems(view: unknown): string[] {
  const v = obj(view);
  const out: string[] = [];
  if (v['type'] === 'modal') {
    out.push(...textProblem('view.title', v['title'], 24, 'plain_text'));
    if (v['submit'] !== undefined) out.push(...textProblem('view.submit', v['submit'], 24, 'plain_text'));
    if (v['close'] !== undefined) out.push(...textProblem('view.close', v['close'], 24, 'plain_text'));
  } else if (v['type'] !== 'home') {
    out.push(`view.type: ${String(v['type'])}`);
  }
  if (typeof v['private_metadata'] === 'string' && v['private_metadata'].length > 3000) out.push('view.private_metadata: > 3000');
  if (typeof v['callback_id'] === 'string' && v['callback_id'].length > 255) out.push('view.callback_id: > 255');
  out.push(...blockProblems(v['blocks'], 100));
  return out;
}
