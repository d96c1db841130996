/** What the global setup prepared, handed to every test file through vitest's provide/inject. */
export type TestDatabaseInfo =
  | { readonly kind: 'pglite'; readonly templateDir: string }
  | { readonly kind: 'postgres'; readonly adminUrl: string; readonly templateName: string };

export const TEST_DATABASE_KEY = 'tesseraTestDatabase';

declare module 'vitest' {
  export interface ProvidedContext {
    tesseraTestDatabase: TestDatabaseInfo;
  }
}

/** The same URL pointing at another database on the same server. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
