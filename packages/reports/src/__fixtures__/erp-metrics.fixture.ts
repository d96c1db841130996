import type { QueryModel } from '@tessera/schema';
import { INSIGHT_METRICS } from './erp-metrics-insight.fixture';
import { SALES_AND_RECEIVABLE_METRICS } from './erp-metrics-sales.fixture';
import { SERVICE_AND_DELIVERY_METRICS } from './erp-metrics-service.fixture';

/**
 * Every metric of R18–R21 and R28–R30, and R23/R24 signals, as a query model over the ERP
 * fixture forms — no metric is hard-coded in the engine. Each entry also carries the
 * hand-written SQL it must agree with (today is 2026-11-27 in Asia/Shanghai).
 */
export interface MetricCase {
  readonly requirement: string;
  readonly key: string;
  readonly query: QueryModel;
  readonly sql: string;
}

export const ERP_METRICS: readonly MetricCase[] = [
  ...SALES_AND_RECEIVABLE_METRICS,
  ...SERVICE_AND_DELIVERY_METRICS,
  ...INSIGHT_METRICS,
];
