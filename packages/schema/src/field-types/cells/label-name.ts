/** Headers, labels and option names compared case-, width- and space-insensitively ("Credit  Limit" = "credit_limit"). */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-（）()：:*]+/g, '');
}
