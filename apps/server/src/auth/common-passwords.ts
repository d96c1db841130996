/**
 * The deny-list of the password policy: the ~49 000 most common passwords of public breach
 * corpora, as shipped by @zxcvbn-ts/language-common (the maintained TypeScript successor of
 * Dropbox's zxcvbn). Loaded on first use — decompressing it takes ~100 ms, which the server's
 * start does not need.
 */
let list: Promise<ReadonlySet<string>> | undefined;

function commonPasswords(): Promise<ReadonlySet<string>> {
  list ??= import('@zxcvbn-ts/language-common').then((module) => {
    // the start-up bundle takes the CommonJS build (apps/server/src/cli/server-bundle.mjs prefers
    // `main`), whose exports a dynamic import hands over as `default`
    const { dictionary } = module.dictionary
      ? module
      : (module as unknown as { default: typeof module }).default;
    return new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  });
  return list;
}

/**
 * Whether a password is a common one, or a common one dressed up with digits and symbols at its
 * ends (`Password123`, `Summer2026!`, `123qwerty`): case does not matter.
 */
export async function isCommonPassword(password: string): Promise<boolean> {
  const common = await commonPasswords();
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  return common.has(lower) || (core.length >= 3 && common.has(core));
}
