import type { ActionRef } from '../../core/reply.js';

/**
 * How a structured action reference travels in a platform's wire value (a Discord custom_id, a
 * Slack button value or modal metadata): `bp1|name|arg|arg`. Each platform builds its codec with
 * its own byte limit; a reference that does not fit is a programming error, caught by the adapter
 * contract suite (test/contract/adapter-contract.ts), so encoding throws rather than truncates.
 */
export interface ActionCodec {
  readonly maxBytes: number;
  encode(ref: ActionRef): string;
  /** Null for values that are not ours (another app's component, a tampered value). */
  decode(wire: string): ActionRef | null;
}

const PREFIX = 'bp1';
const SEP = '|';

export function createActionCodec(maxBytes: number): ActionCodec {
  return {
    maxBytes,
    encode(ref) {
      for (const part of [ref.name, ...ref.args]) {
        if (part.includes(SEP)) throw new Error(`action part "${part}" contains "${SEP}"`);
      }
      const wire = [PREFIX, ref.name, ...ref.args].join(SEP);
      const bytes = Buffer.byteLength(wire, 'utf8');
      if (bytes > maxBytes) throw new Error(`action "${wire}" is ${bytes} bytes; this platform allows ${maxBytes}`);
      return wire;
    },
    decode(wire) {
      if (Buffer.byteLength(wire, 'utf8') > maxBytes) return null;
      const [prefix, name, ...args] = wire.split(SEP);
      if (prefix !== PREFIX || !name) return null;
      return { name, args };
    },
  };
}
