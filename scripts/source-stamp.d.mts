/** Types for source-stamp.mjs (plain JavaScript: it runs before anything is compiled). */
export interface SourceStamp {
  hash: string;
  files: { path: string; size: number; mtimeMs: number }[];
}
export const projectRoot: string;
export function sourceStamp(root?: string): SourceStamp;
export function isBuildFresh(root?: string): boolean;
