// Validates the question bank once and caches the result for the next starts (keyed by the
// files' hashes; see src/bank-cache.ts). `npm run bank:cache`; the Docker build runs it, so the
// image starts from the cache. BANK_DIR selects another bank. Exits 1 on an invalid bank.
import { join, resolve } from 'node:path';
import { loadBankCached } from '../src/bank-cache.js';
import { AppError } from '../src/core/errors.js';
import { projectRoot } from '../src/paths.js';

const dataDir = process.env.BANK_DIR ? resolve(process.env.BANK_DIR) : join(projectRoot, 'data');
try {
  const { bank, cache, hash } = await loadBankCached(dataDir);
  console.log(`${bank.size} questions from ${dataDir}: ${cache === 'hit' ? 'already cached' : 'validated and cached'} (${hash.slice(0, 12)})`);
} catch (err) {
  console.error(err instanceof AppError ? err.message : err);
  process.exitCode = 1;
}
