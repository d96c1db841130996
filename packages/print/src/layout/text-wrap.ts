import type { TextMeasure } from './print-plan';

// Han, kana, Hangul and full-width forms break between any two characters.
const CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/;
// Characters that may not start a line (避头点): they stay with the character before.
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’…·,.;:?!)]}%']);

/** Words (with their trailing spaces) and single CJK characters, closing punctuation kept attached. */
export function breakTokens(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  const flush = () => {
    if (word) tokens.push(word);
    word = '';
  };
  for (const ch of text) {
    if (NO_LINE_START.has(ch)) {
      if (word) word += ch;
      else if (tokens.length > 0) tokens[tokens.length - 1] += ch;
      else word = ch;
      continue;
    }
    if (CJK.test(ch)) {
      flush();
      word = ch;
      flush();
      continue;
    }
    if (ch === ' ') {
      word += ch;
      flush();
      continue;
    }
    if (word.endsWith(' ')) flush();
    word += ch;
  }
  flush();
  return tokens;
}

/** Lines of `text` no wider than `width` (a word longer than a line is cut between characters). */
export function wrapText(
  text: string,
  width: number,
  size: number,
  bold: boolean,
  measure: TextMeasure,
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const token of breakTokens(paragraph)) {
      const w = measure.width(token, size, bold);
      const visible = measure.width(token.trimEnd(), size, bold);
      if (line !== '' && lineWidth + visible > width) {
        lines.push(line.trimEnd());
        line = '';
        lineWidth = 0;
      }
      if (line === '' && visible > width) {
        // longer than a whole line: cut between characters
        for (const ch of token) {
          const cw = measure.width(ch, size, bold);
          if (line !== '' && lineWidth + cw > width) {
            lines.push(line.trimEnd());
            line = '';
            lineWidth = 0;
          }
          line += ch;
          lineWidth += cw;
        }
        continue;
      }
      line += token;
      lineWidth += w;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
