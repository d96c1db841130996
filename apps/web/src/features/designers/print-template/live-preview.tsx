import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FormDefinition, PrintTemplateDefinition } from '@tessera/schema';
import { Alert, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/api-error';
import { printApi } from '../../../api/print.api';
import { recordsApi } from '../../../api/records.api';
import { recordTitle } from '../../../fields/shared/record-title';
import { useDebounced } from '../../../shared/hooks/use-debounced';
import { useObjectUrl } from '../../print/print.queries';

/** Quiet time after the last edit before the preview is rendered again. */
const PREVIEW_DEBOUNCE_MS = 600;

/**
 * The server's PDF of a real record printed with the template as it is being edited (nothing is
 * saved): the very bytes printing would give, re-rendered a moment after the last change. The
 * previous PDF stays in view while the next one renders.
 */
export function LivePreview({
  app,
  form,
  template,
  recordId,
  onRecord,
}: {
  app: string;
  form: FormDefinition;
  template: PrintTemplateDefinition;
  recordId: string | undefined;
  onRecord: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useDebounced(q, 300);
  const candidates = useQuery({
    queryKey: ['apps', app, 'forms', form.key, 'print-preview-records', search],
    queryFn: ({ signal }) =>
      recordsApi.list(app, form.key, { limit: 20, sort: '-updated_at', q: search }, signal),
    placeholderData: keepPreviousData,
  });
  const items = candidates.data?.items ?? [];
  const chosen = recordId ?? items[0]?.id;
  const settled = useDebounced(JSON.stringify(template), PREVIEW_DEBOUNCE_MS);
  const pdf = useQuery({
    queryKey: ['print-preview', app, form.key, chosen, settled],
    queryFn: ({ signal }) => printApi.preview(app, form.key, chosen!, JSON.parse(settled), signal),
    enabled: Boolean(chosen),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 30_000,
    retry: false,
  });
  const url = useObjectUrl(pdf.data?.blob);
  const problem = pdf.error instanceof ApiError ? pdf.error : null;
  return (
    <div className="print-preview-pane" data-testid="live-preview">
      <div className="print-preview-pane__bar">
        <Typography.Text strong>{t('designers:print.preview.title')}</Typography.Text>
        <Select
          showSearch
          size="small"
          className="print-preview-pane__record"
          aria-label={t('designers:print.preview.record')}
          placeholder={t('designers:print.preview.record')}
          value={chosen}
          filterOption={false}
          onSearch={setQ}
          onChange={onRecord}
          loading={candidates.isFetching}
          notFoundContent={t('designers:print.preview.noRecords')}
          options={items.map((r) => ({ value: r.id, label: recordTitle(form, r) || r.id.slice(0, 8) }))}
          data-testid="preview-record"
        />
        <Typography.Text type="secondary" className="tabular" data-testid="preview-pages">
          {pdf.data ? t('print:preview.pages', { count: pdf.data.pages }) : ''}
        </Typography.Text>
      </div>
      <div className="print-preview-pane__frame">
        {!chosen && !candidates.isLoading ? (
          <Alert type="info" showIcon message={t('designers:print.preview.noRecords')} />
        ) : problem ? (
          <Alert
            type="warning"
            showIcon
            message={t('designers:print.preview.cannot')}
            description={
              <ul className="print-problems">
                {(problem.problem?.errors ?? [{ path: '', message: problem.message }]).map((e) => (
                  <li key={`${e.path}-${e.message}`}>
                    {e.path ? <code>{e.path}</code> : null} {e.message}
                  </li>
                ))}
              </ul>
            }
          />
        ) : url ? (
          <iframe
            src={url}
            title={t('designers:print.preview.frame')}
            data-testid="preview-frame"
            data-pdf-bytes={pdf.data?.blob.size}
          />
        ) : null}
        {pdf.isFetching ? (
          <div className="print-preview-pane__busy" aria-live="polite">
            <Spin size="small" /> <span>{t('designers:print.preview.rendering')}</span>
          </div>
        ) : null}
      </div>
    </div>
  );
}
