import { useDndContext, useDroppable } from '@dnd-kit/core';
import type { ReactNode } from 'react';

/**
 * A labelled area of a canvas that takes drops. `accepts` says whether the item being dragged may
 * land here: while it is dragged, zones that take it are outlined and those that do not are dimmed.
 */
export function DropZone<T>({
  id,
  title,
  accepts,
  empty,
  children,
  testId,
}: {
  id: string;
  title: ReactNode;
  accepts: (item: T) => boolean;
  /** Shown when the zone holds nothing yet. */
  empty: ReactNode;
  children?: ReactNode;
  testId?: string;
}) {
  const { active } = useDndContext();
  const dragged = active?.data.current?.item as T | undefined;
  const takes = dragged !== undefined && accepts(dragged);
  const { isOver, setNodeRef } = useDroppable({ id, disabled: dragged !== undefined && !takes });
  const state = dragged === undefined ? '' : takes ? (isOver ? ' is-over' : ' can-drop') : ' cannot-drop';
  const hasChildren = Array.isArray(children) ? children.length > 0 : Boolean(children);
  return (
    <section
      ref={setNodeRef}
      className={`designer-zone${state}`}
      data-testid={testId}
      aria-label={String(title)}
    >
      <div className="designer-zone__title">{title}</div>
      <div className="designer-zone__items">
        {hasChildren ? children : <div className="designer-zone__empty">{empty}</div>}
      </div>
    </section>
  );
}
