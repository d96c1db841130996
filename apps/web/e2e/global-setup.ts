// @ts-expect-error plain JavaScript module of the CLI
import { ensureWebBuild } from '../../server/src/cli/web-build.mjs';

/** The server serves apps/web/dist: build it first (a no-op when it is current). */
export default async function setup(): Promise<void> {
  const built = await ensureWebBuild();
  if (!built) throw new Error('the web app could not be built');
}
