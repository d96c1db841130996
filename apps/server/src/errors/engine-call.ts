/**
 * Runs a route body that calls an engine. The engines throw TesseraErrors with catalogue codes,
 * which the problem handler renders as they are, so nothing is translated here any more; routes
 * still mark their engine calls with it (a follow-up may inline them).
 */
export async function engineCall<T>(run: () => Promise<T>): Promise<T> {
  return await run();
}
