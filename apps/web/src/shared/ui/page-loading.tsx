import { Skeleton } from 'antd';

/** The shape of a page while it loads (no jumping layout). */
export function PageLoading({ rows = 8 }: { rows?: number }) {
  return (
    <div style={{ padding: 16 }} aria-busy="true">
      <Skeleton active title paragraph={{ rows }} />
    </div>
  );
}
