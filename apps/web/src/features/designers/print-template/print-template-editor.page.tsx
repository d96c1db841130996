import { ArrowLeftOutlined, RedoOutlined, SaveOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormDefinition, PrintTemplateDefinition } from '@tessera/schema';
import { Alert, App as AntApp, Badge, Button, Result, Space, Tabs, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/api-error';
import { appsApi } from '../../../api/apps.api';
import { useFormActions, useFormDefinition } from '../../../api/forms.queries';
import { printApi, type TemplateProblem } from '../../../api/print.api';
import { useLabel } from '../../../i18n/use-locale';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageLoading } from '../../../shared/ui/page-loading';
import { DesignerDnd } from '../shared/designer-dnd';
import { FieldPalette, type PaletteSection } from '../shared/field-palette';
import { LivePreview } from './live-preview';
import { PageSettingsPanel } from './page-settings';
import { linkedForms, paletteGroups } from './palette-groups';
import './print-template-editor.css';
import { TemplateCanvas } from './template-canvas';
import {
  accepts,
  dropField,
  type PaletteField,
  removeItem,
  setPage,
  type TemplateArea,
} from './template-edits';
import { useHistory } from './template-history';

/** `/design/apps/:app/forms/:form/print/:template` — the print template editor (form design permission). */
export function PrintTemplateEditorPage() {
  const { app = '', form = '', template = '' } = useParams();
  const { t } = useTranslation();
  const actions = useFormActions(app, form);
  const definition = useFormDefinition(app, form);
  const stored = useQuery({
    queryKey: ['apps', app, 'forms', form, 'print-templates', template, 'stored'],
    queryFn: () => printApi.template(app, form, template),
    enabled: actions.data?.includes('design') ?? false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (actions.isLoading || definition.isLoading) return <PageLoading />;
  if (actions.data && !actions.data.includes('design'))
    return (
      <Result
        status="403"
        title={t('designers:print.forbidden')}
        subTitle={t('designers:print.forbiddenBody')}
      />
    );
  if (stored.isError || definition.isError)
    return <ErrorState error={stored.error ?? definition.error} onRetry={() => stored.refetch()} />;
  if (!stored.data || !definition.data) return <PageLoading />;
  return <Editor app={app} form={definition.data} stored={stored.data} />;
}

function Editor({
  app,
  form,
  stored,
}: {
  app: string;
  form: FormDefinition;
  stored: {
    version: number;
    definition: PrintTemplateDefinition;
    draft?: { definition: PrintTemplateDefinition };
  };
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const doc = useHistory<PrintTemplateDefinition>(stored.draft?.definition ?? stored.definition);
  const [saved, setSaved] = useState<PrintTemplateDefinition>(doc.present);
  const [version, setVersion] = useState(stored.version);
  const [problems, setProblems] = useState<readonly TemplateProblem[]>([]);
  const [status, setStatus] = useState<'published' | 'draft'>(stored.draft ? 'draft' : 'published');
  const dirty = doc.present !== saved;
  const key = doc.present.key;

  const linked = useQueries({
    queries: linkedForms(form).map((f) => ({
      queryKey: ['apps', app, 'forms', f, 'definition'],
      queryFn: async () => (await appsApi.form(app, f)).definition as FormDefinition,
      staleTime: 5 * 60_000,
    })),
  });
  const forms = new Map(linked.flatMap((q) => (q.data ? [[q.data.key, q.data] as const] : [])));
  const groups = paletteGroups(form, forms, (l) => label(l));
  const sections: PaletteSection<PaletteField>[] = groups.map((g) => ({
    key: g.key,
    title: g.title,
    entries: g.items.map((item) => ({
      id: item.kind === 'column' ? `${item.source}.${item.path}` : item.path,
      label: item.label,
      hint: item.path,
      item,
    })),
  }));
  const labelOf = (path: string, source?: string) =>
    groups
      .flatMap((g) => g.items)
      .find((i) => i.path === path && (i.kind === 'column' ? i.source === source : source === undefined))
      ?.label ?? path;

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const saveDraft = useMutation({
    mutationFn: () => printApi.saveDraft(app, form.key, key, doc.present),
    onSuccess: (res, _v, _c) => {
      setSaved(doc.present);
      setProblems(res.problems);
      setStatus('draft');
      message.success(
        res.problems.length === 0
          ? t('designers:print.savedDraft')
          : t('designers:print.savedDraftProblems', { count: res.problems.length }),
      );
    },
  });
  const publish = useMutation({
    mutationFn: async () => {
      if (dirty || status !== 'draft') await printApi.saveDraft(app, form.key, key, doc.present);
      return printApi.publish(app, form.key, key, version);
    },
    onSuccess: (res) => {
      setSaved(doc.present);
      setVersion(res.version);
      setProblems([]);
      setStatus('published');
      void queryClient.invalidateQueries({ queryKey: ['apps', app, 'forms', form.key, 'print-templates'] });
      message.success(t('designers:print.published', { version: res.version }));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem?.errors) setProblems(error.problem.errors);
    },
  });
  const failure = (saveDraft.error ?? publish.error) as ApiError | null;

  const drop = (item: PaletteField, zone: string) => {
    const area = zone.replace(/^area:/, '') as TemplateArea;
    if (accepts(area, item)) doc.change((d) => dropField(d, area, item));
  };
  const recordId = params.get('record') ?? undefined;

  return (
    <DesignerDnd<PaletteField>
      onDrop={drop}
      renderOverlay={(item) => (
        <div className="designer-chip designer-chip--overlay">
          <span className="designer-chip__label">{item.label}</span>
          <span className="designer-chip__hint">{item.path}</span>
        </div>
      )}
    >
      <div className="print-editor" data-testid="print-editor">
        <header className="print-editor__bar">
          <Space size="middle" wrap>
            <Link to={`/apps/${app}/forms/${form.key}`} aria-label={t('designers:print.back')}>
              <ArrowLeftOutlined />
            </Link>
            <div>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {label(doc.present.title, key)}
              </Typography.Title>
              <Typography.Text type="secondary">
                {t('designers:print.subtitle', { form: label(form.title, form.key) })}
              </Typography.Text>
            </div>
            <Badge
              status={dirty ? 'warning' : status === 'draft' ? 'processing' : 'success'}
              text={
                <span data-testid="editor-status">
                  {dirty
                    ? t('designers:print.status.unsaved')
                    : status === 'draft'
                      ? t('designers:print.status.draft')
                      : t('designers:print.status.published', { version })}
                </span>
              }
            />
          </Space>
          <Space wrap>
            <Tooltip title={t('designers:print.undo')}>
              <Button
                icon={<UndoOutlined />}
                disabled={!doc.canUndo}
                onClick={doc.undo}
                aria-label={t('designers:print.undo')}
              />
            </Tooltip>
            <Tooltip title={t('designers:print.redo')}>
              <Button
                icon={<RedoOutlined />}
                disabled={!doc.canRedo}
                onClick={doc.redo}
                aria-label={t('designers:print.redo')}
              />
            </Tooltip>
            <Button
              icon={<SaveOutlined />}
              disabled={!dirty}
              loading={saveDraft.isPending}
              onClick={() => saveDraft.mutate()}
              data-testid="save-draft"
            >
              {t('designers:print.saveDraft')}
            </Button>
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={!dirty && status === 'published'}
              loading={publish.isPending}
              onClick={() => publish.mutate()}
              data-testid="publish"
            >
              {t('designers:print.publish')}
            </Button>
          </Space>
        </header>
        {failure ? (
          <Alert
            type="error"
            showIcon
            closable
            message={failure.code === 'STALE_VERSION' ? t('designers:print.stale') : failure.message}
          />
        ) : null}
        {problems.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            message={t('designers:print.problems', { count: problems.length })}
            description={
              <ul className="print-problems" data-testid="template-problems">
                {problems.map((p) => (
                  <li key={`${p.path}-${p.message}`}>
                    <code>{p.path || '/'}</code> {p.message}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        <div className="print-editor__panes">
          <aside className="print-editor__left">
            <Tabs
              size="small"
              items={[
                {
                  key: 'fields',
                  label: t('designers:print.tab.fields'),
                  children: <FieldPalette sections={sections} title={t('designers:print.palette')} />,
                },
                {
                  key: 'page',
                  label: t('designers:print.tab.page'),
                  children: (
                    <PageSettingsPanel
                      page={doc.present.page}
                      onChange={(p) => doc.change((d) => setPage(d, p))}
                    />
                  ),
                },
              ]}
            />
          </aside>
          <main className="print-editor__canvas">
            <Typography.Text type="secondary" className="print-editor__hint">
              {t('designers:print.hint')}
            </Typography.Text>
            <TemplateCanvas
              template={doc.present}
              problems={problems}
              labelOf={labelOf}
              onRemove={(area, index) => doc.change((d) => removeItem(d, area, index))}
            />
          </main>
          <section className="print-editor__preview">
            <LivePreview
              app={app}
              form={form}
              template={doc.present}
              recordId={recordId}
              onRecord={(id) => setParams({ record: id }, { replace: true })}
            />
          </section>
        </div>
      </div>
    </DesignerDnd>
  );
}
