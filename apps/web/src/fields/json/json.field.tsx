import { Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';

/** Free-form JSON for integrations: shown as formatted text, edited with a syntax check. */
export const jsonField: FieldUi = {
  Display: ({ value, compact }: DisplayProps) =>
    isBlank(value) ? (
      <EmptyValue />
    ) : compact ? (
      <code style={{ fontSize: 12 }}>{JSON.stringify(value).slice(0, 60)}</code>
    ) : (
      <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>{JSON.stringify(value, null, 2)}</pre>
    ),
  Input: ({ value, onChange, id, disabled, invalid, ariaLabel }: InputProps) => {
    const { t } = useTranslation();
    const [text, setText] = useState(() => (isBlank(value) ? '' : JSON.stringify(value, null, 2)));
    const [bad, setBad] = useState(false);
    return (
      <>
        <Input.TextArea
          id={id}
          value={text}
          aria-label={ariaLabel}
          disabled={disabled}
          status={invalid || bad ? 'error' : undefined}
          autoSize={{ minRows: 3, maxRows: 12 }}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() === '') {
              setBad(false);
              onChange(null);
              return;
            }
            try {
              onChange(JSON.parse(e.target.value));
              setBad(false);
            } catch {
              setBad(true);
            }
          }}
        />
        {bad && <div style={{ color: '#cf1322', fontSize: 12 }}>{t('fields:json.invalid')}</div>}
      </>
    );
  },
  width: 200,
};
