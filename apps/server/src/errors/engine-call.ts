/**
 * A route body runner that turns one engine's typed errors into HTTP problems: `map` returns an
 * ApiError for the errors it knows and the error itself otherwise (a 500, logged).
 */
export function engineCallWith(map: (error: unknown) => unknown) {
  return async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw map(error);
    }
  };
}

/** Ends an exhaustive switch over an error code union. */
export function assertNever(value: never): never {
  throw new Error(`unexpected error code ${String(value)}`);
}
