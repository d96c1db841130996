import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { http } from '../../api/http';
import type { InputProps } from '../field-ui.types';
import { type Attachment, attachmentsOf, referenceOf, uploadUrl } from './attachment.model';

/**
 * Uploads each chosen file for this field of its form (the server checks the field, its limits
 * and the caller's right to fill it) and keeps the reference it answers in the value.
 */
export function AttachmentInput({ field, value, onChange, id, disabled, ariaLabel, scope }: InputProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(0);
  const files = attachmentsOf(value);
  // several files upload at once: each adds to the value as it is then, not as it was when chosen
  const latest = useRef(value);
  latest.current = value;
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
          const uploaded = referenceOf(await http.post<Attachment>(uploadUrl(scope, field.key), body));
          const current = attachmentsOf(latest.current).map(({ url: _u, isImage: _i, ...rest }) => rest);
          latest.current = [...current, uploaded];
          onChange(latest.current);
          onSuccess?.(uploaded);
        } catch (error) {
          // the server's own reason (too large, a type the field refuses…), in the user's language
          message.error(
            error instanceof ApiError && !error.isNetwork
              ? t('fields:attachment.refused', { name: (file as File).name, reason: error.message })
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
