/** Moved to the core so pack imports share it (src/core/bank/blind-test-taker.ts). */
export * from '../../src/core/bank/blind-test-taker.js';
