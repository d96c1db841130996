/**
 * A mail body as text a person reads: HTML bodies lose their tags (through the browser's parser,
 * never as markup on the page), runs of blank lines shrink to one.
 */
export function mailText(body: string): string {
  const text = /<[a-z][^>]*>/i.test(body)
    ? (new DOMParser().parseFromString(body, 'text/html').body.textContent ?? '')
    : body;
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first line or so of a body, for the list. */
export function mailPreview(body: string, max = 120): string {
  const flat = mailText(body).replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
