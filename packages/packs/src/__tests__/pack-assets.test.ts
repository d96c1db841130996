import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPackErrors, type LoadedPack, loadPackFolder, validatePack } from '../index.js';

/**
 * Print images in packs (prints/assets/): the bytes are judged, not the name; templates may
 * only name images the pack has; the pack's hash covers them, so a new logo is a new pack.
 */
const PACK_DIR = join(import.meta.dirname, '../../../../examples/customer-erp');

const errorsOf = (loaded: LoadedPack) => {
  const v = validatePack(loaded);
  return v.ok ? [] : formatPackErrors(v.errors).split('\n');
};

function withAsset(loaded: LoadedPack, path: string, bytes: Buffer): LoadedPack {
  return {
    ...loaded,
    otherFiles: [...loaded.otherFiles.filter((f) => f !== path), path],
    assetFiles: [...(loaded.assetFiles ?? []).filter((f) => f.path !== path), { path, bytes }],
  };
}

describe('print images of a pack', () => {
  it('reads the Customer ERP logo and stamp as PNGs and validates the templates that place them', async () => {
    const loaded = await loadPackFolder(PACK_DIR);
    expect(loaded.assetFiles?.map((f) => f.path)).toEqual([
      'prints/assets/logo.png',
      'prints/assets/stamp.png',
    ]);
    const v = validatePack(loaded);
    expect(v.ok).toBe(true);
    if (v.ok)
      expect(v.pack.assets.map((a) => [a.name, a.contentType])).toEqual([
        ['logo.png', 'image/png'],
        ['stamp.png', 'image/png'],
      ]);
    for (const f of loaded.assetFiles ?? []) expect(f.bytes.length).toBeLessThan(20_000);
  });

  it('refuses a .png that is not a PNG, a subfolder, an unknown extension and an image too large', async () => {
    let loaded = await loadPackFolder(PACK_DIR);
    loaded = withAsset(loaded, 'prints/assets/stamp.png', Buffer.from('<html>not an image</html>'));
    loaded = withAsset(loaded, 'prints/assets/old/logo.png', Buffer.alloc(10));
    loaded = withAsset(loaded, 'prints/assets/logo.gif', Buffer.alloc(10));
    const big = Buffer.concat([
      (await loadPackFolder(PACK_DIR)).assetFiles![0]!.bytes,
      Buffer.alloc(600 * 1024),
    ]);
    loaded = withAsset(loaded, 'prints/assets/big.png', big);
    const errors = errorsOf(loaded).join('\n');
    expect(errors).toMatch(/prints\/assets\/stamp\.png.*not a PNG image/);
    expect(errors).toMatch(/prints\/assets\/old\/logo\.png.*no subfolders/);
    expect(errors).toMatch(/prints\/assets\/logo\.gif.*only \.png and \.jpg/);
    expect(errors).toMatch(/prints\/assets\/big\.png.*a print image may have at most 524288/);
  });

  it('refuses a template naming an image the pack does not carry, by its JSON path', async () => {
    const loaded = await loadPackFolder(PACK_DIR);
    const without: LoadedPack = {
      ...loaded,
      otherFiles: loaded.otherFiles.filter((f) => f !== 'prints/assets/stamp.png'),
      assetFiles: (loaded.assetFiles ?? []).filter((f) => f.path !== 'prints/assets/stamp.png'),
    };
    const errors = errorsOf(without).join('\n');
    expect(errors).toMatch(
      /prints\/quote\.json.*\/body\/\d+\/asset.*no image stamp\.png in prints\/assets\//,
    );
    expect(errors).toMatch(/prints\/invoice\.json.*\/body\/\d+\/asset.*no image stamp\.png/);
  });
});
