import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { RecordOut } from '@tessera/api';
import type { AnyField } from '@tessera/logic/browser';
import { App, Button, Form, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/api-error';
import { recordsApi } from '../../../api/records.api';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import type { FieldScope } from '../../../fields/field-ui.types';
import { useLabel } from '../../../i18n/use-locale';
import { toApiValues } from '../page/api-values';

/** What to do with the selected rows: set one field on all of them (one transaction), or delete them. */
export function BulkActions({
  app,
  form,
  rows,
  fields,
  scope,
  onDone,
}: {
  app: string;
  form: string;
  rows: readonly RecordOut[];
  fields: readonly AnyField[];
  scope: FieldScope;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [setOpen, setSetOpen] = useState(false);
  const [fieldKey, setFieldKey] = useState<string>();
  const [value, setValue] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editable = fields.filter(
    (f) => !FIELD_UI[f.type].computed && f.type !== 'line_items' && f.readOnly !== true,
  );
  const field = editable.find((f) => f.key === fieldKey);
  const refresh = () => client.invalidateQueries({ queryKey: ['apps', app, 'forms', form, 'records'] });

  const applySet = async () => {
    if (!field) return;
    setBusy(true);
    try {
      const values = toApiValues(fields, { [field.key]: value });
      await recordsApi.bulkUpdate(
        app,
        form,
        rows.map((r) => ({ id: r.id, version: r.version, values })),
      );
      message.success(t('records:bulk.updated', { count: rows.length }));
      setSetOpen(false);
      onDone();
      await refresh();
    } catch (error) {
      const api = error instanceof ApiError ? error : null;
      message.error(
        api?.code === 'STALE_VERSION'
          ? t('records:bulk.stale')
          : (api?.message ?? t('shared:error.unexpected')),
      );
    } finally {
      setBusy(false);
    }
  };
  const remove = () =>
    modal.confirm({
      title: t('records:bulk.deleteTitle', { count: rows.length }),
      content: t('records:bulk.deleteBody'),
      okButtonProps: { danger: true },
      okText: t('shared:action.delete'),
      onOk: async () => {
        let failed = 0;
        for (const r of rows) await recordsApi.remove(app, form, r.id).catch(() => (failed += 1));
        if (failed) message.error(t('records:bulk.deleteFailed', { count: failed }));
        else message.success(t('records:bulk.deleted', { count: rows.length }));
        onDone();
        await refresh();
      },
    });

  const { Input } = field ? FIELD_UI[field.type] : FIELD_UI.text;
  return (
    <Space wrap>
      <span style={{ color: '#3d4554' }}>{t('records:bulk.selected', { count: rows.length })}</span>
      <Button size="small" icon={<EditOutlined />} onClick={() => setSetOpen(true)}>
        {t('records:bulk.setField')}
      </Button>
      <Button size="small" danger icon={<DeleteOutlined />} onClick={remove}>
        {t('shared:action.delete')}
      </Button>
      <Modal
        open={setOpen}
        title={t('records:bulk.setFieldTitle', { count: rows.length })}
        onCancel={() => setSetOpen(false)}
        onOk={applySet}
        okButtonProps={{ disabled: !field, loading: busy }}
        okText={t('shared:action.apply')}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('records:bulk.field')} htmlFor="bulk-field">
            <Select
              id="bulk-field"
              value={fieldKey}
              onChange={(k) => {
                setFieldKey(k);
                setValue(null);
              }}
              options={editable.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          {field && (
            <Form.Item label={t('records:bulk.value')} htmlFor="bulk-value">
              <Input id="bulk-value" field={field} value={value} onChange={setValue} scope={scope} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
