import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../__tests__/test-app';

const USAGE = fileURLToPath(new URL('../../../openapi-client/usage.ts', import.meta.url));

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(join(tmpdir(), 'tessera-openapi-client-'));
});
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * Third parties get real types: the document is written to a file, openapi-typescript turns it
 * into a client, and a file using a few of its types (a record list, a task, a report result)
 * compiles — with tsc's strict options, and with the misuses it marks @ts-expect-error refused.
 */
it('a client generated from /api/openapi.json by openapi-typescript compiles', async () => {
  const document = join(dir, 'openapi.json');
  await writeFile(document, (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).body);
  const client = astToString(await openapiTS(pathToFileURL(document)));
  await writeFile(join(dir, 'tessera-api.ts'), client);
  await copyFile(USAGE, join(dir, 'usage.ts'));

  const program = ts.createProgram([join(dir, 'usage.ts')], {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    lib: ['lib.es2023.d.ts'],
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? d.file.fileName.replace(dir, '') : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
  expect(problems).toEqual([]);
}, 120_000);
