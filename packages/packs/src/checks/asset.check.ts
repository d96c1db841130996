import { imageSize } from '@tessera/print';
import type { PackAsset } from '../model/pack.js';
import type { PackError } from '../model/pack-error.js';
import { sha256 } from '../model/pack-hash.js';

/** A pack image is printed on every copy and carried in every export: logos and stamps are small. */
export const MAX_PACK_ASSET_BYTES = 512 * 1024;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A file of prints/assets/: the bytes are the image its extension says (PNG or JPEG, read by
 * content, never by name), readable (a size in pixels), at most MAX_PACK_ASSET_BYTES. Pure.
 */
export function checkAsset(
  file: string,
  name: string,
  bytes: Buffer | undefined,
): { ok: true; asset: PackAsset } | { ok: false; error: PackError } {
  const fail = (message: string) =>
    ({ ok: false, error: { code: 'invalid_definition', file, path: '', message } }) as const;
  if (!bytes) return fail('the image was not read (the loader read no bytes for it)');
  const contentType = name.toLowerCase().endsWith('.png') ? 'image/png' : 'image/jpeg';
  const isPng = bytes.subarray(0, 8).equals(PNG);
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (contentType === 'image/png' ? !isPng : !isJpeg)
    return fail(`not a ${contentType === 'image/png' ? 'PNG' : 'JPEG'} image, whatever its name says`);
  if (bytes.length > MAX_PACK_ASSET_BYTES)
    return fail(
      `${bytes.length} bytes: a print image may have at most ${MAX_PACK_ASSET_BYTES} (logos and stamps print at a few cm)`,
    );
  if (!imageSize(bytes)) return fail('the image is damaged: its size in pixels cannot be read');
  return { ok: true, asset: { file, name, contentType, bytes, sha256: sha256(bytes) } };
}
