import { PAGE_SIZES } from '@tessera/schema';
import { Form, InputNumber, Radio, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PageSettings } from './template-edits';

const SIDES = ['top', 'right', 'bottom', 'left'] as const;
const DEFAULT_MARGIN = 12;

/** Paper size, orientation and margins (mm) of a template. */
export function PageSettingsPanel({
  page,
  onChange,
}: {
  page: PageSettings;
  onChange: (p: PageSettings) => void;
}) {
  const { t } = useTranslation();
  const margins = page.margins ?? {
    top: DEFAULT_MARGIN,
    right: DEFAULT_MARGIN,
    bottom: DEFAULT_MARGIN,
    left: DEFAULT_MARGIN,
  };
  return (
    <Form layout="vertical" size="small" className="print-page-settings" data-testid="page-settings">
      <Form.Item label={t('designers:print.page.size')}>
        <Segmented
          block
          value={page.size}
          options={PAGE_SIZES.map((s) => ({ value: s, label: s }))}
          onChange={(size) => onChange({ ...page, size: size as PageSettings['size'] })}
        />
      </Form.Item>
      <Form.Item label={t('designers:print.page.orientation')}>
        <Radio.Group
          optionType="button"
          value={page.orientation ?? 'portrait'}
          options={[
            { value: 'portrait', label: t('designers:print.page.portrait') },
            { value: 'landscape', label: t('designers:print.page.landscape') },
          ]}
          onChange={(e) => onChange({ ...page, orientation: e.target.value })}
        />
      </Form.Item>
      <Form.Item label={t('designers:print.page.margins')}>
        <div className="print-page-settings__margins">
          {SIDES.map((side) => (
            <InputNumber
              key={side}
              min={0}
              max={100}
              step={1}
              value={margins[side]}
              addonBefore={t(`designers:print.page.${side}`)}
              aria-label={t(`designers:print.page.${side}`)}
              onChange={(v) =>
                onChange({ ...page, margins: { ...margins, [side]: typeof v === 'number' ? v : 0 } })
              }
            />
          ))}
        </div>
      </Form.Item>
    </Form>
  );
}
