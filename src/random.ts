import { randomBytes } from 'node:crypto';
import type { Random } from './core/ports.js';

/** Delivery ids are unguessable (72 random bits), so nobody can answer a quiz by forging its id. */
export const cryptoRandom: Random = {
  next: () => randomBytes(4).readUInt32BE() / 0x1_0000_0000,
  id: () => randomBytes(9).toString('base64url'),
};
