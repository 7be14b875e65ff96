export { FakeDiscord, type Actor, type OptionInput } from './fake-discord.js';
export { InteractionHandle } from './interaction-handle.js';
export { RESPONSE_DEADLINE_MS, type InteractionRecord } from './state.js';
export type { RecordedRequest } from './rest-server.js';
