import { EllipsisOutlined, SaveOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Dropdown, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { type SavedView, type ViewSettings, viewsApi } from '../../api/views.api';
import {
  DEFAULT_VIEW_SETTINGS,
  groupViews,
  rememberedViewId,
  rememberViewId,
  sameSettings,
  viewSettingsOf,
} from './view-settings';

type Dialog = { kind: 'saveAs' } | { kind: 'rename'; view: SavedView } | null;

/**
 * The list's saved views: pick one (its filter, sort, columns and widths are applied), save the
 * current settings over it, save them as a new view, rename, share (for those who may) or delete.
 */
export function ViewSwitcher({
  app,
  form,
  current,
  onApply,
}: {
  app: string;
  form: string;
  /** What the list shows now. */
  current: ViewSettings;
  onApply: (settings: ViewSettings) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const queryKey = ['apps', app, 'forms', form, 'views'];
  const views = useQuery({ queryKey, queryFn: () => viewsApi.list(app, form) });
  const [selectedId, setSelectedId] = useState(() => rememberedViewId(app, form));
  const [dialog, setDialog] = useState<Dialog>(null);
  const items = views.data?.items ?? [];
  const selected = items.find((v) => v.id === selectedId) ?? null;
  const modified = selected !== null && !sameSettings(selected.settings, viewSettingsOf(current));
  const canShare = views.data?.canShare ?? false;

  const select = (view: SavedView | null) => {
    setSelectedId(view?.id ?? null);
    rememberViewId(app, form, view?.id ?? null);
    onApply(view ? view.settings : DEFAULT_VIEW_SETTINGS);
  };
  const refresh = () => client.invalidateQueries({ queryKey });
  const failed = (error: unknown) => {
    const api = error instanceof ApiError ? error : null;
    if (api?.code === 'STALE_VERSION') {
      void refresh();
      message.error(t('views:error.stale'));
    } else if (api?.code === 'CONFLICT') message.error(t('views:error.nameTaken'));
    else message.error(t('views:error.failed', { message: api?.message ?? t('shared:error.unexpected') }));
  };
  const run = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) message.success(done);
      await refresh();
      return true;
    } catch (error) {
      failed(error);
      return false;
    }
  };

  const save = (view: SavedView) =>
    run(
      () => viewsApi.update(app, form, view.id, { version: view.version, settings: viewSettingsOf(current) }),
      t('views:done.saved', { name: view.name }),
    );
  const share = (view: SavedView, shared: boolean) =>
    run(
      () => viewsApi.update(app, form, view.id, { version: view.version, shared }),
      t(shared ? 'views:done.shared' : 'views:done.unshared', { name: view.name }),
    );
  const remove = (view: SavedView) =>
    modal.confirm({
      title: t('views:dialog.deleteTitle', { name: view.name }),
      content: [t('views:dialog.deleteBody'), view.shared ? t('views:dialog.deleteShared') : '']
        .filter(Boolean)
        .join(' '),
      okButtonProps: { danger: true },
      okText: t('shared:action.delete'),
      onOk: async () => {
        if (await run(() => viewsApi.remove(app, form, view.id), t('views:done.deleted'))) select(null);
      },
    });

  const { shared, mine } = groupViews(items);
  const option = (v: SavedView) => ({
    value: v.id,
    label: v.name,
    title: v.shared && !v.mine ? t('views:switcher.sharedBy', { name: v.owner.displayName }) : v.name,
  });
  const options = [
    { value: '', label: t('views:switcher.default') },
    ...(shared.length
      ? [{ label: t('views:switcher.shared'), title: 'shared', options: shared.map(option) }]
      : []),
    ...(mine.length ? [{ label: t('views:switcher.mine'), title: 'mine', options: mine.map(option) }] : []),
  ];
  const editable = selected?.editable ?? false;
  const menu = [
    { key: 'saveAs', label: t('views:action.saveAs'), onClick: () => setDialog({ kind: 'saveAs' }) },
    ...(selected && editable
      ? [
          {
            key: 'rename',
            label: t('views:action.rename'),
            onClick: () => setDialog({ kind: 'rename', view: selected }),
          },
          ...(canShare
            ? [
                {
                  key: 'share',
                  label: t(selected.shared ? 'views:action.unshare' : 'views:action.share'),
                  onClick: () => void share(selected, !selected.shared),
                },
              ]
            : []),
          { type: 'divider' as const },
          { key: 'delete', danger: true, label: t('views:action.delete'), onClick: () => remove(selected) },
        ]
      : []),
  ];

  return (
    <Space size={4} wrap>
      <Select
        aria-label={t('views:switcher.label')}
        value={selected?.id ?? ''}
        options={options}
        loading={views.isPending}
        onChange={(id: string) => select(items.find((v) => v.id === id) ?? null)}
        style={{ minWidth: 150, maxWidth: 240 }}
        popupMatchSelectWidth={false}
        labelRender={({ label }) => (
          <span>
            {selected?.shared && <TeamOutlined aria-hidden style={{ marginRight: 4, color: '#5a6272' }} />}
            {label}
          </span>
        )}
      />
      {modified && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('views:switcher.modified')}
        </Typography.Text>
      )}
      {modified && editable && selected && (
        <Button icon={<SaveOutlined />} onClick={() => void save(selected)}>
          {t('views:action.save')}
        </Button>
      )}
      <Dropdown menu={{ items: menu }} trigger={['click']}>
        <Button
          icon={<EllipsisOutlined />}
          aria-label={t('views:switcher.actions')}
          title={t('views:switcher.actions')}
        />
      </Dropdown>
      <NameDialog
        dialog={dialog}
        canShare={canShare}
        onCancel={() => setDialog(null)}
        onSubmit={async (name, share) => {
          if (!dialog) return;
          if (dialog.kind === 'rename') {
            const view = dialog.view;
            if (await run(() => viewsApi.update(app, form, view.id, { version: view.version, name })))
              setDialog(null);
            return;
          }
          try {
            const view = await viewsApi.create(app, form, {
              name,
              shared: share,
              settings: viewSettingsOf(current),
            });
            message.success(t('views:done.saved', { name }));
            await refresh();
            setSelectedId(view.id);
            rememberViewId(app, form, view.id);
            setDialog(null);
          } catch (error) {
            failed(error);
          }
        }}
      />
    </Space>
  );
}

function NameDialog({
  dialog,
  canShare,
  onCancel,
  onSubmit,
}: {
  dialog: Dialog;
  canShare: boolean;
  onCancel: () => void;
  onSubmit: (name: string, share: boolean) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; share: boolean }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    await onSubmit(values.name.trim(), Boolean(values.share)).finally(() => setBusy(false));
  };
  return (
    <Modal
      open={dialog !== null}
      title={t(dialog?.kind === 'rename' ? 'views:dialog.renameTitle' : 'views:dialog.saveAsTitle')}
      onCancel={onCancel}
      onOk={submit}
      okText={t('shared:action.save')}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: dialog?.kind === 'rename' ? dialog.view.name : '', share: false }}
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t('views:dialog.name')}
          rules={[{ required: true, whitespace: true, message: t('views:dialog.nameRequired') }]}
        >
          <Input maxLength={80} autoFocus onPressEnter={submit} />
        </Form.Item>
        {dialog?.kind === 'saveAs' && canShare && (
          <Form.Item name="share" valuePropName="checked">
            <Checkbox>{t('views:dialog.shareWithAll')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
