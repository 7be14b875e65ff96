// One process of bench/proxy.ts: posts a message to each channel in CHANNELS_FILE through one
// discord.js REST client (API_BASE: the proxy, or the fake Discord itself), all queued 8 at a time.
import { readFileSync } from 'node:fs';
import { REST, Routes } from 'discord.js';

const channels = JSON.parse(readFileSync(process.env['CHANNELS_FILE']!, 'utf8')) as string[];
const rest = new REST({ api: process.env['API_BASE']! }).setToken(process.env['TOKEN']!);
let failed = 0;
// 8 posts in flight, as the daily scheduler keeps per process (DailyService.runDue).
let next = 0;
await Promise.all(Array.from({ length: 8 }, async () => {
  while (next < channels.length) {
    const id = channels[next++]!;
    await rest.post(Routes.channelMessages(id), { body: { content: 'Daily question' } }).catch(() => failed++);
  }
}));
process.stdout.write(JSON.stringify({ posted: channels.length - failed, failed }));
