import type { PackManifest } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { checkRequirements } from '../index.js';

const manifest = (requires: PackManifest['requires']): PackManifest => ({
  name: 'sales-extras',
  version: '1.0.0',
  title: { en: 'Sales extras' },
  ...(requires ? { requires } : {}),
});
const installed = [
  { app: 'crm', name: 'base-org', version: '1.4.2' },
  { app: 'legacy', name: 'old-crm', version: '0.9.0' },
];
const check = (requires: PackManifest['requires'], tesseraVersion = '0.1.3') =>
  checkRequirements(manifest(requires), { tesseraVersion, installed }).map((e) => [e.path, e.message]);

describe('requires of pack.json', () => {
  it.each([
    ['no requires', undefined, []],
    ['a matching Tessera range', { tessera: '^0.1.0' }, []],
    ['matching packs', { packs: { 'base-org': '^1.2.0', 'old-crm': '<1' } }, []],
  ])('%s: met', (_, requires, expected) => {
    expect(check(requires as PackManifest['requires'])).toEqual(expected);
  });

  it('names the Tessera version needed and the one running', () => {
    expect(check({ tessera: '>=0.2.0' })).toEqual([
      ['/requires/tessera', 'the pack needs Tessera >=0.2.0, this is Tessera 0.1.3'],
    ]);
  });

  it('names each missing pack and the versions installed instead', () => {
    expect(check({ packs: { 'base-org': '^2.0.0', 'price-lists': '*', 'old-crm': '0.9.x' } })).toEqual([
      ['/requires/packs/base-org', 'the pack needs pack base-org ^2.0.0; installed: 1.4.2 in app crm'],
      [
        '/requires/packs/price-lists',
        'the pack needs pack price-lists * installed first; it is not installed',
      ],
    ]);
  });

  it('a prerelease Tessera satisfies only ranges that name prereleases', () => {
    expect(check({ tessera: '^0.2.0' }, '0.2.0-beta.1')).toHaveLength(1);
    expect(check({ tessera: '>=0.2.0-beta.0' }, '0.2.0-beta.1')).toEqual([]);
  });
});
