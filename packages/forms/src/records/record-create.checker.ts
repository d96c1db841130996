import { checkLinkTargets } from './link-target.checker';
import { prepareCreate } from './record-batch.runner';
import { withLinkDefaults } from './record-link-defaults';
import type { RecordValues } from './record-value.mapper';
import type { WriteEnv } from './record-write.runner';
import { RecordsError } from './records.error';

/**
 * Checks items as bulkCreate would — defaults, every field error by path, link targets (one
 * query for the lot) — and returns EVERY refusal with the index of its item, in index order (the
 * errors' paths are the item's own: the caller attributes them). Writes nothing. What only the database sees (a unique clash) is not
 * found here: bulkCreate still refuses it, naming the item.
 */
export async function checkCreates(
  env: WriteEnv,
  inputs: readonly unknown[],
): Promise<Array<{ index: number; error: RecordsError }>> {
  const found = new Map<number, RecordsError>();
  const valid: Array<{ index: number; merged: RecordValues }> = [];
  const filled = await withLinkDefaults(
    env,
    inputs.map((input) => ({ input, current: null })),
  );
  filled.forEach((input, index) => {
    try {
      valid.push({ index, merged: prepareCreate(env, input).merged });
    } catch (error) {
      if (!(error instanceof RecordsError)) throw error;
      found.set(index, error);
    }
  });
  const linkErrors = await checkLinkTargets(
    env,
    valid.map((v) => ({ values: v.merged, current: null })),
  );
  for (const [k, errors] of linkErrors) {
    const { index } = valid[k]!;
    found.set(index, RecordsError.invalid(errors));
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([index, error]) => ({ index, error }));
}
