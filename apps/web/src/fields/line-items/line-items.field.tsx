import { useTranslation } from 'react-i18next';
import type { DisplayProps, FieldUi } from '../field-ui.types';
import { EmptyValue } from '../shared/empty-value';
import { LineItemsEditor } from './line-items-editor';
import { LineItemsTable } from './line-items-table';

function LineItemsDisplay(props: DisplayProps) {
  const { t } = useTranslation();
  const rows = Array.isArray(props.value) ? props.value : [];
  if (rows.length === 0) return <EmptyValue />;
  if (props.compact) return <span>{t('fields:lineItems.rowCount', { count: rows.length })}</span>;
  return <LineItemsTable {...props} />;
}

/** Rows of a sub-form (order lines): a grid editor; cards on a phone. */
export const lineItemsField: FieldUi = { Display: LineItemsDisplay, Input: LineItemsEditor, width: 100 };
