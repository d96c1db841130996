import { Skeleton } from 'antd';

/** A chart's place while its data or the chart library loads. */
export function ChartSkeleton() {
  return (
    <div aria-busy="true" style={{ height: '100%', minHeight: 120, display: 'grid', placeItems: 'center' }}>
      <Skeleton.Node active style={{ width: 160, height: 96 }} />
    </div>
  );
}
