import { PaperClipOutlined } from '@ant-design/icons';
import { Space } from 'antd';
import { MUTED_TEXT } from '../../shared/ui/colors';
import type { DisplayProps, FieldUi } from '../field-ui.types';
import { EmptyValue } from '../shared/empty-value';
import { attachmentsOf, fileSize } from './attachment.model';
import { AttachmentInput } from './attachment-input';

/** Files: names with sizes; images get a thumbnail preview. */
function AttachmentDisplay({ value, compact }: DisplayProps) {
  const files = attachmentsOf(value);
  if (files.length === 0) return <EmptyValue />;
  if (compact)
    return (
      <span>
        <PaperClipOutlined /> {files.length === 1 ? files[0]!.name : files.length}
      </span>
    );
  return (
    <Space direction="vertical" size={2}>
      {files.map((f) => (
        <a
          key={f.id}
          href={f.url}
          target="_blank"
          rel="noopener noreferrer"
          download={f.isImage ? undefined : f.name}
        >
          {f.isImage && f.url ? (
            <img
              src={f.url}
              alt={f.name}
              style={{ maxWidth: 160, maxHeight: 100, borderRadius: 4, display: 'block' }}
            />
          ) : (
            <PaperClipOutlined />
          )}{' '}
          {f.name} <span style={{ color: MUTED_TEXT }}>{fileSize(f.size)}</span>
        </a>
      ))}
    </Space>
  );
}

export const attachmentField: FieldUi = { Display: AttachmentDisplay, Input: AttachmentInput, width: 160 };
