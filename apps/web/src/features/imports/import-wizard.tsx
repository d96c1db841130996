import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { type AnyField, liveFields } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import { Alert, Button, Grid, Modal, Space, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { type ImportMode, type ImportStatus, importsApi } from '../../api/imports.api';
import { FIELD_UI } from '../../fields/field-ui.registry';
import { useLabel } from '../../i18n/use-locale';
import { allProblems, download, rowReportCsv, waitForImport } from './import-run';
import { CheckStep, ColumnsStep, FileStep, RunStep } from './import-steps';

type Step = 'file' | 'columns' | 'check' | 'import';
const STEPS: readonly Step[] = ['file', 'columns', 'check', 'import'];

/** Fields a sheet column can fill (computed ones and line items are not imported from a column). */
function importableFields(definition: FormDefinition): AnyField[] {
  return liveFields(definition.fields).filter((f) => !FIELD_UI[f.type].computed && f.type !== 'line_items');
}

/**
 * The import wizard: choose a CSV/XLSX file → map its columns to fields (matched by name first)
 * → a dry run lists every row's problems → import with a progress bar → a row report to download.
 * Every step runs on the server's import API; nothing is parsed or checked only in the browser.
 */
export function ImportWizard({
  app,
  form,
  definition,
}: {
  app: string;
  form: string;
  definition: FormDefinition;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<File | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [check, setCheck] = useState<ImportStatus | null>(null);
  const [mode, setMode] = useState<ImportMode>('valid_rows_only');
  const [run, setRun] = useState<ImportStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formName = label(definition.title, form);
  // on a phone four titles do not fit: the current step's alone
  const narrow = !(Grid.useBreakpoint().sm ?? true);

  const reset = () => {
    setStep('file');
    setFile(null);
    setHeaders([]);
    setMapping({});
    setCheck(null);
    setRun(null);
    setError(null);
    setMode('valid_rows_only');
  };
  const close = () => {
    if (run?.outcome === 'committed')
      void client.invalidateQueries({ queryKey: ['apps', app, 'forms', form, 'records'] });
    setOpen(false);
    reset();
  };
  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      const api = e instanceof ApiError ? e : null;
      setError(
        api?.status === 403
          ? t('imports:error.forbidden')
          : t('imports:error.failed', { message: api?.message ?? (e as Error).message }),
      );
    } finally {
      setBusy(false);
    }
  };
  const dryRun = async (explicit?: Record<string, string | null>) => {
    const { id } = await importsApi.start(app, form, {
      file: file!,
      ...(explicit ? { mapping: explicit } : {}),
      mode: 'all_or_nothing',
      dryRun: true,
    });
    return waitForImport(id);
  };

  /** File → columns: a first dry run tells which headers the file has and how they matched. */
  const readColumns = () =>
    attempt(async () => {
      const result = await dryRun();
      const matched = Object.fromEntries(result.columns.map((c) => [c.header, c.field]));
      const all = [...result.columns.map((c) => c.header), ...result.unknownColumns];
      setHeaders(all);
      setMapping(Object.fromEntries(all.map((h) => [h, matched[h] ?? null])));
      setStep('columns');
    });
  const checkRows = () =>
    attempt(async () => {
      setCheck(await dryRun(mapping));
      setStep('check');
    });
  const startImport = () =>
    attempt(async () => {
      const { id } = await importsApi.start(app, form, { file: file!, mapping, mode, dryRun: false });
      setStep('import');
      setRun(await waitForImport(id, setRun));
    });
  const saveReport = async () => {
    if (!run) return;
    const problems = await allProblems(run);
    download(
      t('imports:run.reportName', { form: formName }),
      rowReportCsv(problems, {
        row: t('imports:problem.row'),
        column: t('imports:problem.column'),
        problem: t('imports:problem.message'),
        file: t('imports:problem.file'),
      }),
    );
  };

  const finished = run && !['queued', 'running'].includes(run.status);
  const footer = (
    <Space wrap>
      {step === 'columns' && <Button onClick={() => setStep('file')}>{t('imports:action.back')}</Button>}
      {step === 'check' && <Button onClick={() => setStep('columns')}>{t('imports:action.back')}</Button>}
      {step === 'file' && (
        <Button type="primary" disabled={!file} loading={busy} onClick={readColumns}>
          {t('imports:action.next')}
        </Button>
      )}
      {step === 'columns' && (
        <Button type="primary" loading={busy} onClick={checkRows}>
          {t('imports:action.check')}
        </Button>
      )}
      {step === 'check' && check && (
        <Button
          type="primary"
          loading={busy}
          disabled={
            check.outcome === 'refused' ||
            (mode === 'valid_rows_only' && (check.counts.rowsRead ?? 0) === (check.counts.rowsFailed ?? 0))
          }
          onClick={startImport}
        >
          {t('imports:action.start')}
        </Button>
      )}
      {step === 'import' && (
        <Button type="primary" disabled={!finished} onClick={close}>
          {t('imports:action.close')}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t('imports:button')}
      </Button>
      <Modal
        open={open}
        title={t('imports:title', { form: formName })}
        onCancel={busy || (run && !finished) ? undefined : close}
        closable={!busy}
        maskClosable={false}
        footer={footer}
        width={760}
        destroyOnHidden
      >
        <Steps
          size="small"
          current={STEPS.indexOf(step)}
          items={STEPS.map((s) => ({ title: narrow && s !== step ? undefined : t(`imports:step.${s}`) }))}
          style={{ marginBottom: 16 }}
          responsive={false}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {step === 'file' && (
          <FileStep
            file={file}
            onFile={(f) => {
              setFile(f);
              setError(null);
            }}
          />
        )}
        {step === 'columns' && (
          <ColumnsStep
            headers={headers}
            mapping={mapping}
            fields={importableFields(definition)}
            onChange={(header, field) => setMapping((m) => ({ ...m, [header]: field }))}
          />
        )}
        {step === 'check' && check && <CheckStep check={check} mode={mode} onMode={setMode} />}
        {step === 'import' && (
          <RunStep status={run} total={check?.counts.rowsRead ?? 0} onReport={() => void saveReport()} />
        )}
      </Modal>
    </>
  );
}
