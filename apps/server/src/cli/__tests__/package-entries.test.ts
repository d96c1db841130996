import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/** Every file a manifest's `main`, `exports` and `bin` name (nested export conditions included). */
function entries(manifest: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.main);
  walk(manifest.exports);
  walk(manifest.bin);
  return out.filter((path) => !path.includes('*'));
}

describe('workspace package manifests', () => {
  it('name only files that exist in their main, exports and bin', () => {
    const missing: string[] = [];
    for (const group of ['packages', 'apps']) {
      for (const name of readdirSync(join(repoRoot, group))) {
        const file = join(repoRoot, group, name, 'package.json');
        if (!existsSync(file)) continue;
        for (const entry of entries(JSON.parse(readFileSync(file, 'utf8')))) {
          if (!existsSync(join(repoRoot, group, name, entry))) missing.push(`${group}/${name}: ${entry}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
