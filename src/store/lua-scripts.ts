import { readFileSync, readdirSync } from 'node:fs';
import type { Redis, Cluster } from 'ioredis';

/**
 * Loads every lua/NAME-N.lua as a custom command NAME (camelCased) taking N keys, once per client,
 * following bullmq's convention: the key count lives in the file name, the contract in its header.
 */
export function defineScripts(client: Redis | Cluster): void {
  const dir = new URL('./lua/', import.meta.url);
  for (const file of readdirSync(dir)) {
    const m = /^([a-z-]+)-(\d+)\.lua$/.exec(file);
    if (!m) continue;
    const name = m[1]!.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
    client.defineCommand(name, { numberOfKeys: Number(m[2]), lua: readFileSync(new URL(file, dir), 'utf8') });
  }
}

type Reply = unknown;
/** The custom commands as typed functions (ioredis adds them at run time). */
export interface ScriptCommands {
  recordAnswer(...args: (string | number)[]): Promise<Reply>;
  leaderboard(...args: (string | number)[]): Promise<Reply>;
  joinTeam(...args: (string | number)[]): Promise<Reply>;
  leaveTeam(...args: (string | number)[]): Promise<Reply>;
  claimSlot(...args: (string | number)[]): Promise<Reply>;
  finishSlot(...args: (string | number)[]): Promise<Reply>;
  takeGradingSlot(...args: (string | number)[]): Promise<Reply>;
  saveCard(...args: (string | number)[]): Promise<Reply>;
  foldAnswers(...args: (string | number)[]): Promise<Reply>;
  advanceReminder(...args: (string | number)[]): Promise<Reply>;
  savePack(...args: (string | number)[]): Promise<Reply>;
  addReport(...args: (string | number)[]): Promise<Reply>;
}
