import { ERROR_SECTIONS } from './error-catalogue.js';
import { ERROR_CATEGORIES } from './error-category.js';
import type { ErrorEntry } from './error-entry.js';

const HEADER = `# Error codes

<!-- Generated from packages/schema/src/errors by \`pnpm --filter @tessera/schema run generate\`; do not edit. -->

Every error the API answers is \`application/problem+json\`:

\`\`\`json
{
  "type": "https://tessera.dev/problems/record-invalid",
  "title": "The record is invalid.",
  "status": 400,
  "code": "RECORD_INVALID",
  "detail": "The record is invalid (item 2).",
  "errors": [{ "path": "items[3].qty", "message": "must be at least 1" }],
  "details": { "index": 2 }
}
\`\`\`

- \`code\` is stable: a client tells errors apart by it, never by \`status\` or text.
- \`title\` is the code's message below, in the language of \`Accept-Language\` (English or
  Simplified Chinese); \`detail\` says what happened this time, in English.
- \`errors\` lists field errors by path (empty when none); \`details\` carries structured facts
  when there are any (the failing item of a bulk request).
- The category of a code decides its status and whether the server logs it. An \`internal\`
  code, or any error that is not here, is answered as \`INTERNAL\` with no detail: its cause
  goes to the log only, never a stack trace to the client.
`;

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** docs/errors.md, from the catalogue. */
export function renderErrorsDoc(): string {
  const parts = [HEADER];
  for (const section of ERROR_SECTIONS) {
    parts.push(`## ${section.title}\n`);
    parts.push('| Code | Status | When | English | 简体中文 |');
    parts.push('| --- | --- | --- | --- | --- |');
    const entries: Readonly<Record<string, ErrorEntry>> = section.entries;
    for (const [code, entry] of Object.entries(entries)) {
      const status = ERROR_CATEGORIES[entry.category].status;
      parts.push(
        `| \`${code}\` | ${status} ${entry.category} | ${cell(entry.when)} | ${cell(entry.message.en)} | ${cell(entry.message['zh-CN'])} |`,
      );
    }
    parts.push('');
  }
  return parts.join('\n');
}

function withoutTablePadding(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---') : line))
    .join('\n')
    .trimEnd();
}

/** Is the committed doc what the catalogue renders (ignoring the formatter's table padding)? */
export function errorsDocUpToDate(doc: string): boolean {
  return withoutTablePadding(doc) === withoutTablePadding(renderErrorsDoc());
}
