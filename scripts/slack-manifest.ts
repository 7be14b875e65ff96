// Prints a Slack app manifest generated from the commands:
//   npm run slack:manifest -- --url https://prep.example.com      (HTTP mode: Slack calls that URL)
//   npm run slack:manifest -- --socket                            (Socket Mode: no public URL)
// Options: --name NAME, --command WORD (default SLACK_COMMAND or prep), --yaml.
// Paste the output at api.slack.com/apps -> Create New App -> From an app manifest.
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { commands } from '../commands/index.js';
import { buildManifest } from '../src/adapters/slack/manifest.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    socket: { type: 'boolean' },
    name: { type: 'string' },
    command: { type: 'string' },
    yaml: { type: 'boolean' },
  },
});
const command = values.command ?? process.env['SLACK_COMMAND'] ?? 'prep';
if (!/^[a-z0-9_-]{1,31}$/.test(command)) {
  console.error('slack:manifest: --command must be a command word without the slash, e.g. prep');
  process.exit(1);
}
const socketMode = values.socket ?? Boolean(process.env['SLACK_APP_TOKEN']);
if (!socketMode && values.url && !/^https:\/\//.test(values.url)) {
  console.error('slack:manifest: --url must start with https:// (Slack only calls HTTPS request URLs)');
  process.exit(1);
}
if (!socketMode && !values.url) {
  console.error('slack:manifest: no --url given, so the request URLs say https://YOUR-HOST; replace it, or pass --socket for Socket Mode.');
}
const manifest = buildManifest(commands, { baseUrl: values.url, socketMode, command, name: values.name });
process.stdout.write(values.yaml ? stringify(manifest) : `${JSON.stringify(manifest, null, 2)}\n`);
