import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { http } from '../../api/http';
import type { InputProps } from '../field-ui.types';
import { type Attachment, attachmentsOf, FILES_URL } from './attachment.model';

/** Uploads each chosen file to the files API and keeps `{ id, name, size, type }` in the value. */
export function AttachmentInput({ field, value, onChange, id, disabled, ariaLabel }: InputProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(0);
  const files = attachmentsOf(value);
  const max = 'maxFiles' in field ? (field.maxFiles as number | undefined) : undefined;
  const accept =
    'accept' in field && Array.isArray(field.accept) ? (field.accept as string[]).join(',') : undefined;
  return (
    <Upload
      id={id}
      multiple={max !== 1}
      accept={accept}
      disabled={disabled || (max !== undefined && files.length >= max)}
      fileList={files.map((f) => ({
        uid: f.id,
        name: f.name,
        status: 'done' as const,
        url: f.url,
        size: f.size,
      }))}
      listType={files.some((f) => f.isImage) ? 'picture' : 'text'}
      onRemove={(file) => {
        const next = files.filter((f) => f.id !== file.uid).map(({ url: _u, isImage: _i, ...rest }) => rest);
        onChange(next.length ? next : null);
      }}
      customRequest={async ({ file, onSuccess, onError }) => {
        const body = new FormData();
        body.append('file', file as Blob);
        setBusy((n) => n + 1);
        try {
          const uploaded = await http.post<Attachment>(FILES_URL, body);
          const current = attachmentsOf(value).map(({ url: _u, isImage: _i, ...rest }) => rest);
          onChange([...current, uploaded]);
          onSuccess?.(uploaded);
        } catch (error) {
          message.error(
            error instanceof ApiError && error.status === 404
              ? t('fields:attachment.unavailable')
              : t('fields:attachment.failed'),
          );
          onError?.(error as Error);
        } finally {
          setBusy((n) => n - 1);
        }
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy > 0} aria-label={ariaLabel}>
        {t('fields:attachment.upload')}
      </Button>
    </Upload>
  );
}
