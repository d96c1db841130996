import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';
import { TextInput } from '../shared/text-inputs';

/** A web address: opens in a new tab (only http/https links are made clickable). */
export const urlField: FieldUi = {
  Display: ({ value }: DisplayProps) => {
    if (isBlank(value)) return <EmptyValue />;
    const text = String(value);
    return /^https?:\/\//i.test(text) ? (
      <a href={text} target="_blank" rel="noopener noreferrer">
        {text.replace(/^https?:\/\//i, '')}
      </a>
    ) : (
      <span>{text}</span>
    );
  },
  Input: (props: InputProps) => <TextInput {...props} type="url" />,
  width: 200,
};
