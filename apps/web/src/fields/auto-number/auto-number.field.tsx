import { useTranslation } from 'react-i18next';
import { MUTED_TEXT } from '../../shared/ui/colors';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';

/** A number the engine assigns on create (e.g. SO-202611-0030). */
function AutoNumberDisplay({ value }: DisplayProps) {
  return isBlank(value) ? <EmptyValue /> : <span className="tabular">{String(value)}</span>;
}

export const autoNumberField: FieldUi = {
  Display: AutoNumberDisplay,
  Input: ({ id, value, ariaLabel }: InputProps) => {
    const { t } = useTranslation();
    return (
      <output
        id={id}
        aria-label={ariaLabel}
        style={{ display: 'block', padding: '4px 0', color: isBlank(value) ? MUTED_TEXT : undefined }}
      >
        {isBlank(value) ? t('fields:autoNumber.assigned') : String(value)}
      </output>
    );
  },
  computed: true,
  width: 150,
};
