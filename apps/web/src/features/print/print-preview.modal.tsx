import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Modal, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PrintedPdf } from '../../api/print.api';
import { ErrorState } from '../../shared/ui/error-state';
import { useObjectUrl } from './print.queries';

export interface PrintJob {
  /** Identifies the PDF in the query cache (app, form, template, record ids). */
  readonly key: readonly string[];
  readonly title: string;
  readonly load: (signal: AbortSignal) => Promise<PrintedPdf>;
  /** The template editor, for those who may design the form. */
  readonly editHref?: string;
}

/**
 * The PDF exactly as the server rendered it (the bytes are fetched once and shown, downloaded and
 * printed from the browser's PDF viewer as they are), so the preview and the paper never differ.
 */
export function PrintPreviewModal({ job, onClose }: { job: PrintJob | null; onClose: () => void }) {
  const { t } = useTranslation();
  const pdf = useQuery({
    queryKey: ['print', ...(job?.key ?? [])],
    queryFn: ({ signal }) => job!.load(signal),
    enabled: Boolean(job),
    // every print is rendered anew (and audited): never a cached copy of an older record state
    gcTime: 0,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const url = useObjectUrl(job ? pdf.data?.blob : undefined);
  const fileName = pdf.data?.fileName ?? 'print.pdf';
  return (
    <Modal
      open={Boolean(job)}
      title={job?.title}
      onCancel={onClose}
      width="min(1000px, 96vw)"
      centered
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text type="secondary" className="tabular" data-testid="print-pages">
            {pdf.data ? t('print:preview.pages', { count: pdf.data.pages }) : ''}
          </Typography.Text>
          <Space>
            {job?.editHref ? (
              <Link to={job.editHref} data-testid="print-edit-template">
                <EditOutlined /> {t('designers:print.edit')}
              </Link>
            ) : null}
            <Button onClick={onClose}>{t('shared:action.close')}</Button>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={url}
              download={fileName}
              disabled={!url}
              data-testid="print-download"
            >
              {t('print:preview.download')}
            </Button>
          </Space>
        </Space>
      }
    >
      <div style={{ height: 'min(75vh, 900px)', display: 'flex', flexDirection: 'column' }}>
        {pdf.isError ? (
          <ErrorState error={pdf.error} onRetry={() => pdf.refetch()} />
        ) : url ? (
          <iframe
            src={url}
            title={t('print:preview.frame', { name: fileName })}
            data-testid="print-preview"
            style={{ flex: 1, width: '100%', border: '1px solid #d9d9d9', borderRadius: 4 }}
          />
        ) : (
          <div style={{ flex: 1, display: 'grid', placeItems: 'center' }}>
            <Spin tip={t('print:preview.loading')}>
              <div style={{ width: 200, height: 80 }} />
            </Spin>
          </div>
        )}
      </div>
    </Modal>
  );
}
