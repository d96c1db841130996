import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { AnyField } from '@tessera/logic/browser';
import {
  Alert,
  Button,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportMode, ImportProblem, ImportStatus } from '../../api/imports.api';
import { useLabel, useLocale } from '../../i18n/use-locale';
import { formatNumber } from '../../shared/format';

export function FileStep({ file, onFile }: { file: File | null; onFile: (file: File) => void }) {
  const { t } = useTranslation();
  return (
    <div>
      <Upload.Dragger
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        beforeUpload={(f) => {
          onFile(f);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{t('imports:file.drop')}</p>
        <p className="ant-upload-hint">{t('imports:file.hint')}</p>
      </Upload.Dragger>
      {file && (
        <Typography.Text strong style={{ display: 'block', marginTop: 12 }} data-testid="import-file">
          {t('imports:file.chosen', { name: file.name })}
        </Typography.Text>
      )}
    </div>
  );
}

export function ColumnsStep({
  headers,
  mapping,
  fields,
  onChange,
}: {
  headers: readonly string[];
  mapping: Readonly<Record<string, string | null>>;
  fields: readonly AnyField[];
  onChange: (header: string, field: string | null) => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const options = [
    { value: '', label: t('imports:columns.skip') },
    ...fields.map((f) => ({ value: f.key, label: label(f.label, f.key) })),
  ];
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('imports:columns.intro')}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="header"
        dataSource={headers.map((header) => ({ header }))}
        scroll={{ y: 360 }}
        columns={[
          { key: 'header', title: t('imports:columns.header'), dataIndex: 'header' },
          {
            key: 'field',
            title: t('imports:columns.field'),
            render: (_, { header }) => (
              <Select
                aria-label={t('imports:columns.fieldFor', { header })}
                value={mapping[header] ?? ''}
                options={options}
                onChange={(v: string) => onChange(header, v || null)}
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: '100%', minWidth: 140 }}
              />
            ),
          },
        ]}
      />
    </div>
  );
}

export function ProblemTable({ problems }: { problems: readonly ImportProblem[] }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey={(p) => `${p.row}:${p.column ?? ''}:${p.message}`}
      dataSource={problems as ImportProblem[]}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ y: 260 }}
      columns={[
        {
          key: 'row',
          title: t('imports:problem.row'),
          width: 72,
          render: (_, p) => (p.row === 0 ? t('imports:problem.file') : p.row),
        },
        { key: 'column', title: t('imports:problem.column'), width: 140, render: (_, p) => p.column ?? '' },
        { key: 'message', title: t('imports:problem.message'), dataIndex: 'message' },
      ]}
    />
  );
}

export function CheckStep({
  check,
  mode,
  onMode,
}: {
  check: ImportStatus;
  mode: ImportMode;
  onMode: (mode: ImportMode) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const read = check.counts.rowsRead ?? 0;
  const failed = check.counts.rowsFailed ?? 0;
  if (check.outcome === 'refused')
    return (
      <div>
        <Alert type="error" showIcon title={t('imports:check.refused')} style={{ marginBottom: 12 }} />
        <ProblemTable problems={check.problems} />
      </div>
    );
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('imports:check.intro')}</Typography.Paragraph>
      <Space size={32} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('imports:check.read')} value={formatNumber(read, locale, 0)} />
        <Statistic title={t('imports:check.valid')} value={formatNumber(read - failed, locale, 0)} />
        <Statistic
          title={t('imports:check.failed')}
          value={formatNumber(failed, locale, 0)}
          styles={{ content: { color: failed ? '#b42318' : undefined } }}
        />
      </Space>
      {check.problemCount === 0 ? (
        <Alert type="success" showIcon title={t('imports:check.noProblems')} />
      ) : (
        <>
          <ProblemTable problems={check.problems} />
          <div style={{ marginTop: 12 }}>
            <Typography.Text id="import-mode">{t('imports:check.modeLabel')}</Typography.Text>
            <Radio.Group
              aria-labelledby="import-mode"
              value={mode}
              onChange={(e) => onMode(e.target.value as ImportMode)}
              style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}
              options={[
                { value: 'valid_rows_only', label: t('imports:check.validOnly') },
                { value: 'all_or_nothing', label: t('imports:check.allOrNothing') },
              ]}
            />
          </div>
        </>
      )}
    </div>
  );
}

export function RunStep({
  status,
  total,
  onReport,
}: {
  status: ImportStatus | null;
  total: number;
  onReport: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const done = status?.counts.rowsRead ?? 0;
  const finished = status && !['queued', 'running'].includes(status.status);
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : 0;
  if (!finished)
    return (
      <div style={{ padding: '24px 0' }}>
        <Progress percent={percent} status="active" aria-label={t('imports:step.import')} />
        <Typography.Text type="secondary">
          {t('imports:run.progress', {
            done: formatNumber(done, locale, 0),
            total: formatNumber(total, locale, 0),
          })}
        </Typography.Text>
      </div>
    );
  const c = status.counts;
  const report = status.problemCount > 0 && (
    <Button icon={<DownloadOutlined />} onClick={onReport}>
      {t('imports:run.report')}
    </Button>
  );
  if (status.status !== 'done')
    return (
      <Result
        status="error"
        title={t('imports:run.failed', { message: status.error ?? status.status })}
        extra={report}
      />
    );
  return (
    <div>
      <Progress percent={100} aria-label={t('imports:step.import')} />
      <Result
        status={status.outcome === 'committed' ? (status.problemCount ? 'warning' : 'success') : 'error'}
        title={status.outcome === 'committed' ? t('imports:run.done') : t('imports:run.rolledBack')}
        subTitle={t('imports:run.summary', {
          created: formatNumber(c.rowsCreated ?? 0, locale, 0),
          updated: formatNumber(c.rowsUpdated ?? 0, locale, 0),
          failed: formatNumber(c.rowsFailed ?? 0, locale, 0),
        })}
        extra={report}
      />
      {status.problemCount > 0 && <ProblemTable problems={status.problems} />}
    </div>
  );
}
