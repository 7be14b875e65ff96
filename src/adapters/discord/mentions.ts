/**
 * Nothing Backprop sends may ping anyone: user text (team names, nicknames, answers) can hold
 * @everyone, @here, role or user mentions. Set as the client default and again on every send,
 * reply and edit; discord.js and the REST API spell it the same way.
 */
export const NO_MENTIONS: { parse: [] } = { parse: [] };
