/**
 * What adapters may use of the views: the words for failures they meet themselves, and the
 * screens a platform shows outside a command (Slack's App Home). Commands import views directly.
 */
export { errorReply, RESTARTING_TEXT, STILL_PROCESSING_TEXT, UNAVAILABLE_TEXT, userErrorReply, userErrorText } from './errors.js';
export { homeReply, homeUnavailable } from './home-views.js';
export type { NameCommand } from './format.js';
