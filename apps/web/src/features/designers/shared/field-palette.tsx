import { HolderOutlined } from '@ant-design/icons';
import { useDraggable } from '@dnd-kit/core';
import { Collapse, Empty, Input, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './designer.css';

export interface PaletteEntry<T> {
  readonly id: string;
  readonly label: string;
  /** A second line (the field path, a type). */
  readonly hint?: string;
  readonly item: T;
}

export interface PaletteSection<T> {
  readonly key: string;
  readonly title: string;
  readonly entries: readonly PaletteEntry<T>[];
}

function PaletteChip<T>({ entry }: { entry: PaletteEntry<T> }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `palette:${entry.id}`,
    data: { item: entry.item },
  });
  return (
    <div
      ref={setNodeRef}
      className={`designer-chip designer-chip--palette${isDragging ? ' is-dragging' : ''}`}
      data-testid={`palette-${entry.id}`}
      {...listeners}
      {...attributes}
    >
      <HolderOutlined className="designer-chip__grip" aria-hidden />
      <span className="designer-chip__text">
        <span className="designer-chip__label">{entry.label}</span>
        {entry.hint ? <span className="designer-chip__hint">{entry.hint}</span> : null}
      </span>
    </div>
  );
}

/**
 * A searchable list of things to drag onto a canvas, in collapsible sections (a form's fields,
 * a linked form's, a table's columns). Knows nothing of what is dropped where.
 */
export function FieldPalette<T>({
  sections,
  title,
}: {
  sections: readonly PaletteSection<T>[];
  title: string;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return sections;
    return sections
      .map((s) => ({
        ...s,
        entries: s.entries.filter((e) => `${e.label} ${e.hint ?? ''}`.toLowerCase().includes(q)),
      }))
      .filter((s) => s.entries.length > 0);
  }, [sections, query]);
  return (
    <section className="designer-palette" aria-label={title}>
      <Typography.Text strong className="designer-panel__title">
        {title}
      </Typography.Text>
      <Input.Search
        allowClear
        size="small"
        placeholder={t('designers:palette.search')}
        aria-label={t('designers:palette.search')}
        onChange={(e) => setQuery(e.target.value)}
      />
      {shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('designers:palette.none')} />
      ) : (
        <Collapse
          size="small"
          ghost
          defaultActiveKey={sections.map((s) => s.key)}
          items={shown.map((s) => ({
            key: s.key,
            label: (
              <span>
                {s.title} <Typography.Text type="secondary">{s.entries.length}</Typography.Text>
              </span>
            ),
            children: (
              <div className="designer-palette__list">
                {s.entries.map((e) => (
                  <PaletteChip key={e.id} entry={e} />
                ))}
              </div>
            ),
          }))}
        />
      )}
    </section>
  );
}
