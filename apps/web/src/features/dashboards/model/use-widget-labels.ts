import type { QueryModel } from '@tessera/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportResult } from '../../../api/reports.api';
import { useLocale } from '../../../i18n/use-locale';
import type { ChartLabels } from './chart-option';
import type { FormLookup } from './field-path.resolver';
import { formatFigure } from './measure-format';
import { columnLabel, dimensionLabeller } from './value-labels';

export interface WidgetLabels extends ChartLabels {
  /** A measure's value as text. */
  readonly figure: (key: string, value: unknown) => string;
}

/** Labels and formats of one widget's result in the UI's language. */
export function useWidgetLabels(
  query: QueryModel | undefined,
  result: ReportResult | undefined,
  forms: FormLookup,
): WidgetLabels {
  const { t } = useTranslation();
  const locale = useLocale();
  return useMemo(() => {
    const words = {
      empty: t('dashboards:value.empty'),
      yes: t('shared:yes'),
      no: t('shared:no'),
      quarter: (year: string, quarter: number) => t('dashboards:value.quarter', { year, quarter }),
    };
    const column = (key: string) => result?.columns.find((c) => c.key === key);
    return {
      dimension: (key) => (query ? dimensionLabeller(query, key, forms, locale, words, column(key)) : String),
      measure: (key) => columnLabel(query, key, locale),
      figure: (key, value) => formatFigure(value, column(key), locale),
    };
  }, [t, locale, query, result, forms]);
}
