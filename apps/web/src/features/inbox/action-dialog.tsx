import { Alert, Input, Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectory } from '../../api/forms.queries';
import type { ActionBody, TaskAction } from '../../api/tasks.api';
import { type ActionErrorText, actionErrorText } from './action-error';
import { actionWording } from './action-wording';

/** What each action asks for besides the comment. */
const NEEDS: Partial<Record<TaskAction, 'one-user' | 'users' | 'return-to'>> = {
  transfer: 'one-user',
  add_signer_before: 'users',
  add_signer_after: 'users',
  cc: 'users',
  return: 'return-to',
};
/** A comment is required where the others need to know why. */
const COMMENT_REQUIRED = new Set<TaskAction>(['reject', 'return', 'comment']);
const DANGER = new Set<TaskAction>(['reject', 'withdraw']);
/** A reminder carries no text of its own (the engine sends a standard one). */
const NO_COMMENT = new Set<TaskAction>(['remind']);

export interface ReturnOption {
  readonly value: string;
  readonly label: string;
}

interface Props {
  readonly action: TaskAction | null;
  readonly returnOptions?: readonly ReturnOption[];
  /** People who cannot be picked (the one acting). */
  readonly excludeUserIds?: readonly string[];
  readonly onSubmit: (action: TaskAction, body: ActionBody) => Promise<void>;
  readonly onClose: () => void;
  /** The task's kind: a user task's approve is worded "Done". */
  readonly taskKind?: string | null;
}

/**
 * The dialog of one flow action: a comment, the people (transfer, add signer, CC — from the
 * directory, by name), where to return to; the server's refusal shown in place, nothing lost.
 */
export function ActionDialog({
  action,
  returnOptions = [],
  excludeUserIds = [],
  onSubmit,
  onClose,
  taskKind,
}: Props) {
  return action ? (
    <DialogBody
      key={action}
      action={action}
      returnOptions={returnOptions}
      excludeUserIds={excludeUserIds}
      onSubmit={onSubmit}
      onClose={onClose}
      taskKind={taskKind}
    />
  ) : null;
}

function DialogBody({
  action,
  returnOptions,
  excludeUserIds,
  onSubmit,
  onClose,
  taskKind,
}: Props & {
  action: TaskAction;
  returnOptions: readonly ReturnOption[];
  excludeUserIds: readonly string[];
}) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const [comment, setComment] = useState('');
  const [users, setUsers] = useState<string[]>([]);
  const [returnTo, setReturnTo] = useState<string | undefined>(
    returnOptions[returnOptions.length - 1]?.value,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionErrorText | null>(null);
  const [tried, setTried] = useState(false);
  const needs = NEEDS[action];
  const wording = actionWording(action, taskKind);
  const commentMissing = COMMENT_REQUIRED.has(action) && comment.trim() === '';
  const usersMissing = (needs === 'one-user' || needs === 'users') && users.length === 0;
  const people = (directory.data?.users ?? [])
    .filter((u) => !excludeUserIds.includes(u.id))
    .map((u) => ({ value: u.id, label: u.displayName }));

  const submit = async () => {
    setTried(true);
    if (commentMissing || usersMissing) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(action, {
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(needs === 'one-user' || needs === 'users' ? { userIds: users } : {}),
        ...(needs === 'return-to' && returnTo ? { returnTo } : {}),
      });
    } catch (e) {
      setError(actionErrorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(`inbox:dialog.${wording}.title`)}
      okText={t(`inbox:action.${wording}`)}
      okButtonProps={{ danger: DANGER.has(action), loading: busy }}
      cancelText={t('shared:action.cancel')}
      onOk={submit}
      onCancel={onClose}
      maskClosable={!busy}
      destroyOnHidden
      width={520}
      className="action-dialog"
    >
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <div style={{ color: '#5f6b7a' }}>{t(`inbox:dialog.${wording}.hint`)}</div>
        {(needs === 'one-user' || needs === 'users') && (
          <div>
            <label htmlFor="action-users" style={{ display: 'block', marginBottom: 4 }}>
              {needs === 'one-user' ? t('inbox:dialog.person') : t('inbox:dialog.people')}
            </label>
            <Select
              id="action-users"
              mode={needs === 'users' ? 'multiple' : undefined}
              value={needs === 'users' ? users : users[0]}
              onChange={(v: string | string[] | undefined) => setUsers(Array.isArray(v) ? v : v ? [v] : [])}
              options={people}
              loading={directory.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              allowClear
              placeholder={t('inbox:dialog.pickPeople')}
              status={tried && usersMissing ? 'error' : undefined}
              style={{ width: '100%' }}
            />
            {tried && usersMissing && (
              <div role="alert" style={{ color: '#cf1322', fontSize: 12, marginTop: 2 }}>
                {t('inbox:dialog.peopleRequired')}
              </div>
            )}
          </div>
        )}
        {needs === 'return-to' && returnOptions.length > 0 && (
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontSize: 14, marginBottom: 4 }}>{t('inbox:dialog.returnTo')}</legend>
            <Radio.Group
              value={returnTo}
              onChange={(e) => setReturnTo(e.target.value as string)}
              options={returnOptions.map((o) => ({ value: o.value, label: o.label }))}
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            />
          </fieldset>
        )}
        {!NO_COMMENT.has(action) && (
          <div>
            <label htmlFor="action-comment" style={{ display: 'block', marginBottom: 4 }}>
              {COMMENT_REQUIRED.has(action)
                ? t('inbox:dialog.commentLabelRequired')
                : t('inbox:dialog.commentLabel')}
            </label>
            <Input.TextArea
              id="action-comment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={4000}
              status={tried && commentMissing ? 'error' : undefined}
              placeholder={t('inbox:dialog.commentPlaceholder')}
            />
            {tried && commentMissing && (
              <div role="alert" style={{ color: '#cf1322', fontSize: 12, marginTop: 2 }}>
                {t('inbox:dialog.commentMissing')}
              </div>
            )}
          </div>
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={error.title}
            {...(error.detail ? { description: error.detail } : {})}
          />
        )}
      </Space>
    </Modal>
  );
}
