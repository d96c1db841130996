import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { RecordOut } from '@tessera/api';
import { compileFormLogic } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import { Alert, App, Button, Space } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { ApiError } from '../../../api/api-error';
import { useDirectory } from '../../../api/forms.queries';
import { recordsApi } from '../../../api/records.api';
import { useLocale } from '../../../i18n/use-locale';
import { formatDateTime } from '../../../shared/format';
import { MUTED_TEXT } from '../../../shared/ui/colors';
import { changedValues, toApiValues } from './api-values';
import { computeValues } from './computed-values';
import { initialValues } from './initial-values';
import { RecordForm } from './record-form';
import { missingRequired } from './required-check';
import { clearDraft, readDraft, useDraft } from './use-draft';

type Values = Record<string, unknown>;

interface Props {
  readonly app: string;
  readonly form: string;
  readonly definition: FormDefinition;
  /** The stored record (edit), or null (create). */
  readonly record: RecordOut | null;
  readonly userId: string | null;
  readonly onSaved: (record: RecordOut) => void;
  /** Ask before leaving the page with unsaved changes (off in dialogs, which the page guards). */
  readonly guard?: boolean;
}

interface Conflict {
  readonly current: RecordOut;
}

/**
 * A record being edited: values, the draft kept while unsaved, the client-side required check,
 * save (create or PATCH of the changed fields with the version read), server field errors in
 * place, a 409 that says who changed the record and offers to reload, and a guard on leaving.
 */
export function RecordEditor({ app, form, definition, record, userId, onSaved, guard = true }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const directory = useDirectory();
  const id = record?.id ?? null;
  const stored = useMemo(
    () => (record ?? initialValues(definition, userId)) as Values,
    [record, definition, userId],
  );
  const [restored] = useState(() => readDraft(app, form, id));
  const [values, setValues] = useState<Values>(() => restored?.values ?? stored);
  const [dirty, setDirty] = useState(Boolean(restored));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [showRestored, setShowRestored] = useState(Boolean(restored));
  const baseVersion = record?.version ?? null;
  useDraft(app, form, id, values, dirty, baseVersion);
  const logic = useMemo(() => compileFormLogic(definition), [definition]);

  const change = useCallback((next: Values) => {
    setValues(next);
    setDirty(true);
    setErrors((shown) => (Object.keys(shown).length > 0 ? {} : shown)); // the same object: no new snapshot
  }, []);

  const save = async (overVersion?: number) => {
    const { states } = computeValues(logic, values, userId);
    const missing = missingRequired(definition, values, states, t('records:form.required'));
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      message.error(t('records:form.fixErrors'));
      document
        .querySelector('.record-field.has-error')
        ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    setSaving(true);
    try {
      const saved = record
        ? await recordsApi.update(
            app,
            form,
            record.id,
            overVersion ?? record.version,
            changedValues(definition.fields, stored, values),
          )
        : await recordsApi.create(app, form, toApiValues(definition.fields, values));
      clearDraft(app, form, id);
      setDirty(false);
      setConflict(null);
      setShowRestored(false);
      message.success(t('records:form.saved'));
      await client.invalidateQueries({ queryKey: ['apps', app, 'forms', form, 'records'] });
      onSaved(saved);
    } catch (error) {
      const api = error instanceof ApiError ? error : null;
      if (api?.code === 'STALE_VERSION' && record) {
        const current = await recordsApi.get(app, form, record.id).catch(() => null);
        if (current) setConflict({ current });
      } else if (api && Object.keys(api.fieldErrors).length > 0) {
        setErrors(api.fieldErrorsIn(t));
        message.error(t('records:form.fixErrors'));
      } else {
        message.error(
          api?.isNetwork ? t('shared:error.network') : (api?.message ?? t('shared:error.unexpected')),
        );
      }
    } finally {
      setSaving(false);
    }
  };

  // stable callbacks for the action bar, so a keystroke does not re-render it
  const latest = useRef({ save, discard: () => {} });
  latest.current = {
    save,
    discard: () => {
      clearDraft(app, form, id);
      setValues(stored);
      setDirty(false);
      setErrors({});
    },
  };
  const actions = useMemo(
    () => ({ save: () => latest.current.save(), discard: () => latest.current.discard() }),
    [],
  );
  const leave = useCallback(() => clearDraft(app, form, id), [app, form, id]);

  const who = conflict?.current.updated_by
    ? directory.data?.users.find((u) => u.id === conflict.current.updated_by)?.displayName
    : null;
  return (
    <div>
      {showRestored && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('records:form.draftRestored', {
            time: restored ? formatDateTime(restored.savedAt, locale) : '',
          })}
          action={
            <Button
              size="small"
              onClick={() => {
                clearDraft(app, form, id);
                setValues(stored);
                setDirty(false);
                setShowRestored(false);
              }}
            >
              {t('shared:action.discard')}
            </Button>
          }
        />
      )}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={t('records:form.conflictTitle')}
          description={t('records:form.conflictBody', {
            who: who ?? t('records:form.someoneElse'),
            time: formatDateTime(conflict.current.updated_at, locale),
          })}
          action={
            <Space direction="vertical">
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  clearDraft(app, form, id);
                  setValues(conflict.current as Values);
                  setDirty(false);
                  setConflict(null);
                  onSaved(conflict.current);
                }}
              >
                {t('records:form.reloadTheirs')}
              </Button>
              <Button size="small" danger onClick={() => save(conflict.current.version)}>
                {t('records:form.keepMine')}
              </Button>
            </Space>
          }
        />
      )}
      <RecordForm
        app={app}
        definition={definition}
        values={values}
        onChange={change}
        errors={errors}
        disabled={saving}
        userId={userId}
        stored={record}
      />
      <ActionBar
        dirty={dirty}
        saving={saving}
        canDiscard={Boolean(record) && dirty}
        canSave={!record || dirty}
        onDiscard={actions.discard}
        onSave={actions.save}
      />
      {guard && dirty && !saving && <UnsavedGuard onLeave={leave} />}
    </div>
  );
}

/** Unsaved, discard, save: re-renders when one of them changes, not per keystroke. */
const ActionBar = memo(function ActionBar(props: {
  dirty: boolean;
  saving: boolean;
  canDiscard: boolean;
  canSave: boolean;
  onDiscard: () => void;
  onSave: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="record-action-bar">
      {props.dirty && (
        <span style={{ color: MUTED_TEXT, marginRight: 'auto' }}>{t('records:form.unsaved')}</span>
      )}
      {props.canDiscard && <Button onClick={props.onDiscard}>{t('shared:action.discard')}</Button>}
      <Button
        type="primary"
        icon={<SaveOutlined />}
        loading={props.saving}
        disabled={!props.canSave}
        onClick={props.onSave}
      >
        {t('shared:action.save')}
      </Button>
    </div>
  );
});

/** Mounted while there are unsaved changes: leaving the page (in the app, or closing the tab) asks first. */
const UnsavedGuard = memo(function UnsavedGuard({ onLeave }: { onLeave: () => void }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, []);
  return blocker.state === 'blocked' ? (
    <LeaveDialog
      onStay={() => blocker.reset()}
      onLeave={() => {
        onLeave();
        blocker.proceed();
      }}
    />
  ) : null;
});

function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  useEffect(() => {
    const m = modal.confirm({
      title: t('shared:unsaved.title'),
      content: t('shared:unsaved.body'),
      okText: t('shared:action.discard'),
      okButtonProps: { danger: true },
      cancelText: t('shared:action.cancel'),
      onOk: onLeave,
      onCancel: onStay,
    });
    return () => m.destroy();
  }, [modal, t, onLeave, onStay]);
  return null;
}
