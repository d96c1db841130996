import type { DashboardDefinition } from '@tessera/schema';
import { Grid } from 'antd';
import type { DashboardView } from '../../api/reports.api';
import type { DrillRequest } from './drill/drill-request';
import type { FormLookup } from './model/field-path.resolver';
import { WidgetCard } from './widgets/widget-card';

const ROW = 60; // px per grid row of the dashboard layout
const GAP = 12;

/**
 * The widgets where the dashboard puts them (x, y, w, h on its column grid) on a wide screen; on a
 * tablet two columns, on a phone one, in reading order (top to bottom, left to right).
 */
export function DashboardGrid({
  view,
  forms,
  onDrill,
}: {
  view: DashboardView;
  forms: FormLookup;
  onDrill: (request: DrillRequest) => void;
}) {
  const screens = Grid.useBreakpoint();
  const definition: DashboardDefinition = view.definition;
  const columns = definition.columns ?? 12;
  const layoutOf = new Map(definition.widgets.map((w) => [w.id, w]));
  const ordered = [...view.widgets].sort((a, b) => {
    const la = layoutOf.get(a.id)?.layout;
    const lb = layoutOf.get(b.id)?.layout;
    return (la?.y ?? 0) - (lb?.y ?? 0) || (la?.x ?? 0) - (lb?.x ?? 0);
  });
  const mode = screens.lg ? 'grid' : screens.sm ? 'two' : 'one';
  return (
    <div
      className="dashboard-grid"
      style={{
        display: 'grid',
        gap: GAP,
        gridTemplateColumns:
          mode === 'grid'
            ? `repeat(${columns}, minmax(0, 1fr))`
            : mode === 'two'
              ? 'repeat(2, minmax(0, 1fr))'
              : 'minmax(0, 1fr)',
        gridAutoRows: mode === 'grid' ? ROW : 'auto',
      }}
    >
      {ordered.map((w) => {
        const def = layoutOf.get(w.id);
        const l = def?.layout ?? { x: 0, y: 0, w: columns, h: 3 };
        const text = w.type === 'text';
        // on narrow screens only charts need a set height; figures and tables take what they need
        const sized = w.chart?.kind === 'echarts' && !w.error;
        const style =
          mode === 'grid'
            ? {
                gridColumn: `${l.x + 1} / span ${Math.min(l.w, columns - l.x)}`,
                gridRow: `${l.y + 1} / span ${l.h}`,
              }
            : {
                gridColumn: mode === 'two' && (text || l.w > columns / 2) ? '1 / -1' : 'auto',
                height: sized ? Math.max(220, Math.min(l.h, 6) * ROW + (Math.min(l.h, 6) - 1) * GAP) : 'auto',
              };
        return (
          <div
            key={w.id}
            style={{ minWidth: 0, minHeight: 0, display: 'flex', flexDirection: 'column', ...style }}
          >
            <WidgetCard view={w} definition={def} forms={forms} onDrill={onDrill} />
          </div>
        );
      })}
    </div>
  );
}
