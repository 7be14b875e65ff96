import { z } from 'zod';

/** Building blocks of the environment schema, shared by src/config.ts and each adapter's config. */

/** An optional variable: unset, empty and blank all mean "not set". */
export const optionalVar = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const urlVar = (protocols: string[], example: string) =>
  optionalVar.refine((v) => {
    if (v === undefined) return true;
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}, e.g. ${example}`);

export const portVar = optionalVar.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) < 65536), 'must be a port number from 0 to 65535');

/** The parsed values of a shape of variables. */
export type EnvOf<Shape extends z.ZodRawShape> = { [K in keyof Shape]: z.output<Shape[K]> };
