import type { DisplayProps, FieldUi } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';
import { LongTextInput } from '../shared/text-inputs';

/** Formatted text, shown as its plain text (markup never reaches the page as HTML). */
function plain(value: unknown): string {
  return String(value)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .trim();
}

export const richTextField: FieldUi = {
  Display: ({ value, compact }: DisplayProps) =>
    isBlank(value) ? (
      <EmptyValue />
    ) : (
      <span style={{ whiteSpace: compact ? undefined : 'pre-wrap' }}>{plain(value)}</span>
    ),
  Input: LongTextInput,
  width: 240,
};
