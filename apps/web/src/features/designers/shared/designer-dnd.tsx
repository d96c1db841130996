import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { type ReactNode, useState } from 'react';

/**
 * The drag-and-drop frame every designer shares: pointer (after 4 px, so a click stays a click)
 * and keyboard (space to lift, arrows, space to drop) sensors, and an overlay that follows the
 * pointer. `onDrop` gets the dragged item's data and the drop zone's id; what a drop means is the
 * designer's business.
 */
export function DesignerDnd<T>({
  children,
  onDrop,
  renderOverlay,
}: {
  children: ReactNode;
  onDrop: (item: T, zone: string) => void;
  renderOverlay: (item: T) => ReactNode;
}) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor),
  );
  const [active, setActive] = useState<T | null>(null);
  const start = (e: DragStartEvent) => setActive((e.active.data.current?.item as T) ?? null);
  const end = (e: DragEndEvent) => {
    setActive(null);
    const item = e.active.data.current?.item as T | undefined;
    if (item !== undefined && e.over) onDrop(item, String(e.over.id));
  };
  return (
    <DndContext sensors={sensors} onDragStart={start} onDragEnd={end} onDragCancel={() => setActive(null)}>
      {children}
      <DragOverlay dropAnimation={null}>{active === null ? null : renderOverlay(active)}</DragOverlay>
    </DndContext>
  );
}
