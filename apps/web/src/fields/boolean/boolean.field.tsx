import { CheckOutlined, MinusOutlined } from '@ant-design/icons';
import { Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';

/** Yes / no. */
export const booleanField: FieldUi = {
  Display: ({ value }: DisplayProps) => {
    const { t } = useTranslation();
    return value === true ? (
      <span>
        <CheckOutlined style={{ color: '#389e0d' }} />{' '}
        <span className="visually-hidden">{t('shared:yes')}</span>
      </span>
    ) : (
      <span>
        <MinusOutlined style={{ color: '#b0b7c3' }} />{' '}
        <span className="visually-hidden">{t('shared:no')}</span>
      </span>
    );
  },
  Input: ({ value, onChange, id, disabled, ariaLabel }: InputProps) => (
    <Switch id={id} checked={value === true} onChange={onChange} disabled={disabled} aria-label={ariaLabel} />
  ),
  width: 80,
};
