/** Headers and labels compared case-, width- and space-insensitively ("Credit  Limit" = "credit_limit"). */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-（）()：:*]+/g, '');
}
