import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * The upload written to a temporary file as it streams in (memory stays flat), so the database
 * can COPY it and the per-row path can still read it from the start if the set-based one
 * cannot take it.
 */
export async function spoolInput(input: Readable): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-import-'));
  const file = join(dir, 'upload.csv');
  try {
    await pipeline(input, createWriteStream(file));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The byte after the first CSV record (a new line outside quotes), or null past the first MB. */
export async function firstRecordEnd(file: string): Promise<number | null> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    let quoted = false;
    for (let i = 0; i < bytesRead; i++) {
      const byte = buffer[i]!;
      if (byte === 0x22) quoted = !quoted;
      else if (byte === 0x0a && !quoted) return i + 1;
    }
    return null;
  } finally {
    await handle.close();
  }
}
