export { FakeDiscord, InteractionHandle, type Actor, type OptionInput } from './fake-discord.js';
export { RESPONSE_DEADLINE_MS, type InteractionRecord } from './state.js';
export type { RecordedRequest } from './rest-server.js';
