import { DownOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Dropdown, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormActions } from '../../api/forms.queries';
import { type PrintTemplateSummary, printApi } from '../../api/print.api';
import { useLabel } from '../../i18n/use-locale';
import { usePrintTemplates } from './print.queries';
import { type PrintJob, PrintPreviewModal } from './print-preview.modal';

/** The server refuses larger batches (the batch route's limit). */
export const MAX_BATCH = 200;

/**
 * Print one record (the record page: `recordIds` of one, shown to anyone who may read it) or the
 * selected records as one PDF (a list: only with the form's print permission). One template
 * prints on a click; several open a menu. Nothing shows when the form has no template.
 */
export function PrintButton({
  app,
  form,
  recordIds,
  recordTitle,
  size,
}: {
  app: string;
  form: string;
  recordIds: readonly string[];
  /** The record's title for the preview's heading (one record). */
  recordTitle?: string;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const templates = usePrintTemplates(app, form);
  const canDesign = useFormActions(app, form).data?.includes('design') ?? false;
  const [job, setJob] = useState<PrintJob | null>(null);
  const batch = recordIds.length > 1;
  const items = templates.data?.items ?? [];
  if (items.length === 0 || recordIds.length === 0 || (batch && !templates.data?.batch)) return null;

  const open = (template: PrintTemplateSummary) => {
    const name = label(template.title, template.key);
    const ids = [...recordIds];
    setJob({
      key: [app, form, template.key, ...ids],
      title: batch
        ? t('print:preview.batchTitle', { template: name, count: ids.length })
        : t('print:preview.title', { template: name, record: recordTitle ?? '' }),
      ...(canDesign
        ? {
            editHref: `/design/apps/${app}/forms/${form}/print/${template.key}${ids.length === 1 ? `?record=${ids[0]}` : ''}`,
          }
        : {}),
      load: (signal) =>
        ids.length === 1
          ? printApi.record(app, form, ids[0]!, template.key, signal)
          : printApi.batch(app, form, ids, template.key, signal),
    });
  };
  const tooMany = recordIds.length > MAX_BATCH;
  const button =
    items.length === 1 ? (
      <Button size={size} icon={<PrinterOutlined />} disabled={tooMany} onClick={() => open(items[0]!)}>
        {t('print:button')}
      </Button>
    ) : (
      <Dropdown
        disabled={tooMany}
        menu={{
          'aria-label': t('print:menu'),
          items: items.map((tpl) => ({ key: tpl.key, label: label(tpl.title, tpl.key) })),
          onClick: ({ key }) => open(items.find((tpl) => tpl.key === key)!),
        }}
      >
        <Button size={size} icon={<PrinterOutlined />}>
          {t('print:button')} <DownOutlined />
        </Button>
      </Dropdown>
    );
  return (
    <>
      {tooMany ? <Tooltip title={t('print:batch.tooMany', { max: MAX_BATCH })}>{button}</Tooltip> : button}
      <PrintPreviewModal job={job} onClose={() => setJob(null)} />
    </>
  );
}
