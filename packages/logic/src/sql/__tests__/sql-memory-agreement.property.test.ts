import type { TestDatabase } from '@tessera/store/testing';
import { createTestDatabase } from '@tessera/store/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truthy } from '../../eval/compiled-node';
import { compile } from '../../eval/logic.compiler';
import { toSql } from '../logic-sql.translator';
import { conditionArb, ctxArb, recordsArb } from './filter.arbitraries';
import { CREATE_TABLE, matchingIds, replaceRecords, resolver } from './sql-test-kit';

const RUNS = Number(process.env.LOGIC_PROPERTY_RUNS ?? 200);
const SEED = process.env.LOGIC_PROPERTY_SEED ? Number(process.env.LOGIC_PROPERTY_SEED) : Date.now() % 2 ** 31;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await CREATE_TABLE.execute(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe('SQL translation and in-memory evaluation select the same records', () => {
  it(
    `agrees on random filters over random records (${RUNS} runs)`,
    async () => {
      let translated = 0;
      try {
        await fc.assert(
          fc.asyncProperty(
            recordsArb,
            fc.array(conditionArb, { minLength: 1, maxLength: 4 }),
            ctxArb,
            async (records, filters, ctx) => {
              await replaceRecords(t.db, records);
              for (const filter of filters) {
                const translation = toSql(filter, resolver, ctx);
                if (!translation.ok) throw new Error(`not translated: ${JSON.stringify(translation.errors)}`);
                translated++;
                const evaluate = compile(filter);
                const inMemory = records.filter((r) => truthy(evaluate(r, ctx))).map((r) => r.id);
                const inSql = await matchingIds(t.db, translation.expression);
                expect({ filter, ids: inSql }).toEqual({ filter, ids: inMemory });
              }
            },
          ),
          { numRuns: RUNS, seed: SEED, endOnFailure: false },
        );
      } catch (error) {
        console.error(
          `logic SQL/memory property failed on ${t.kind}; reproduce with LOGIC_PROPERTY_SEED=${SEED}`,
        );
        throw error;
      }
      expect(translated).toBeGreaterThanOrEqual(RUNS);
    },
    Math.max(180_000, RUNS * 400),
  );
});
