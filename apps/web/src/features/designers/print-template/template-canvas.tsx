import { CloseOutlined } from '@ant-design/icons';
import type { PrintBandItem, PrintTemplateDefinition } from '@tessera/schema';
import { Button, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TemplateProblem } from '../../../api/print.api';
import { DropZone } from '../shared/drop-zone';
import { accepts, areaPath, firstBlock, type PaletteField, type TemplateArea } from './template-edits';

const AREAS: readonly TemplateArea[] = ['header', 'body', 'table', 'footer'];

interface Placed {
  readonly label: string;
  readonly hint?: string;
  /** Index in the area's list; undefined: shown for context, not removable here. */
  readonly index?: number;
}

const textOf = (text: string | Readonly<Record<string, string | undefined>>) =>
  typeof text === 'string' ? text : (text['zh-CN'] ?? text.en ?? Object.values(text)[0] ?? '');

function bandItemLabel(item: PrintBandItem, t: (k: string) => string): Placed {
  if (item.type === 'text') return { label: textOf(item.text) };
  if (item.type === 'image')
    return { label: t('designers:print.item.image'), hint: item.asset ?? item.field ?? '' };
  return { label: t('designers:print.item.barcode'), hint: textOf(item.value) };
}

/** What each area shows: its items, labelled from the palette where a path is known. */
function placedIn(
  template: PrintTemplateDefinition,
  area: TemplateArea,
  labelOf: (path: string, source?: string) => string,
  t: (k: string) => string,
): Placed[] {
  if (area === 'header' || area === 'footer') {
    const band = template[area];
    return [
      ...(band?.left ?? []).map((item, index) => ({ ...bandItemLabel(item, t), index })),
      ...[...(band?.center ?? []), ...(band?.right ?? [])].map((item) => bandItemLabel(item, t)),
    ];
  }
  if (area === 'body')
    return (firstBlock(template, 'fields')?.block.items ?? []).map((item, index) => ({
      label: item.field ? labelOf(item.field) : item.text ? textOf(item.text) : '…',
      ...(item.field ? { hint: item.field } : {}),
      index,
    }));
  const table = firstBlock(template, 'table')?.block;
  return (table?.columns ?? []).map((c, index) => ({
    label: c.field ? labelOf(c.field, table?.source) : c.text ? textOf(c.text) : '…',
    ...(c.field ? { hint: c.field } : {}),
    index,
  }));
}

/**
 * The page as areas to drop fields in — header, the field grid, the line-items table, footer —
 * each holding what the template places there; the body's other blocks (title, amount in
 * capitals, signatures, images) are named below for context. Problems the server reported for an
 * item outline it in red.
 */
export function TemplateCanvas({
  template,
  problems,
  labelOf,
  onRemove,
}: {
  template: PrintTemplateDefinition;
  problems: readonly TemplateProblem[];
  labelOf: (path: string, source?: string) => string;
  onRemove: (area: TemplateArea, index: number) => void;
}) {
  const { t } = useTranslation();
  const landscape = template.page.orientation === 'landscape';
  const others = template.body.filter((b) => b.type !== 'fields' && b.type !== 'table');
  return (
    <div className={`print-sheet${landscape ? ' print-sheet--landscape' : ''}`} data-testid="print-canvas">
      <div className="print-sheet__paper">
        {AREAS.map((area) => {
          const prefix = areaPath(template, area);
          const items = placedIn(template, area, labelOf, t);
          return (
            <DropZone<PaletteField>
              key={area}
              id={`area:${area}`}
              testId={`area-${area}`}
              title={t(`designers:print.area.${area}`)}
              accepts={(item) => accepts(area, item)}
              empty={t(`designers:print.areaEmpty.${area}`)}
            >
              {items.map((p) => {
                const problem =
                  p.index === undefined
                    ? undefined
                    : problems.find(
                        (x) =>
                          x.path === `${prefix}/${p.index}` || x.path.startsWith(`${prefix}/${p.index}/`),
                      );
                return (
                  <Tooltip
                    key={`${p.index ?? 'context'}-${p.label}-${p.hint ?? ''}`}
                    title={problem?.message}
                  >
                    <div
                      className={`designer-chip designer-chip--placed${problem ? ' designer-chip--problem' : ''}`}
                      data-testid={`placed-${area}`}
                    >
                      <span className="designer-chip__label">{p.label}</span>
                      {p.hint && p.hint !== p.label ? (
                        <span className="designer-chip__hint">{p.hint}</span>
                      ) : null}
                      {p.index !== undefined ? (
                        <Button
                          type="text"
                          size="small"
                          icon={<CloseOutlined />}
                          aria-label={t('designers:print.remove', { name: p.label })}
                          onClick={() => onRemove(area, p.index!)}
                        />
                      ) : null}
                    </div>
                  </Tooltip>
                );
              })}
            </DropZone>
          );
        })}
        {others.length > 0 ? (
          <Typography.Text type="secondary" className="print-sheet__others">
            {t('designers:print.others')}{' '}
            {others.map((b) => t(`designers:print.block.${b.type}`)).join(' · ')}
          </Typography.Text>
        ) : null}
      </div>
    </div>
  );
}
