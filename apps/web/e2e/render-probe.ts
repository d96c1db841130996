import type { Page } from 'playwright-core';

/**
 * Which line-items cells React rendered, read from the production build the way React DevTools
 * does: a stand-in for its global hook gets every commit and walks the fibers that did work
 * (DevTools' rule: a subtree whose child pointer did not change was not rendered). Each rendered
 * component is placed by its first DOM node: `<input id prefix>:<cell index>` of the grid row it
 * is in. Names are minified in the build, places are not.
 */
export async function installRenderProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Fiber = {
      type: unknown;
      flags: number;
      child: Fiber | null;
      sibling: Fiber | null;
      alternate: Fiber | null;
      stateNode: unknown;
    };
    const probe = { on: false, places: [] as string[] };
    (globalThis as Record<string, unknown>).__renderProbe = probe;
    const place = (fiber: Fiber): string | null => {
      let f: Fiber | null = fiber;
      while (f && !(f.stateNode instanceof Element)) f = f.child;
      const el = f?.stateNode as Element | undefined;
      const row = el?.closest('[role=row]');
      const input = row?.querySelector('input[id]');
      if (!el || !row || !input) return null;
      const cell = el.closest('[role=cell]');
      const index = cell ? [...row.children].indexOf(cell) : -1;
      return `${input.id.replace(/-[a-z_]+$/, '')}:${index}`;
    };
    const walk = (parent: Fiber) => {
      for (let f = parent.child; f; f = f.sibling) {
        const composite = typeof f.type === 'function' || (typeof f.type === 'object' && f.type !== null);
        // PerformedWork (1): the component's function ran in this render; no alternate: mounted
        if (composite && (!f.alternate || (f.flags & 1) === 1)) {
          const at = place(f);
          if (at) probe.places.push(at);
        }
        if (!f.alternate || f.child !== f.alternate.child) walk(f);
      }
    };
    (globalThis as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => {},
      onScheduleFiberRoot: () => {},
      onCommitFiberUnmount: () => {},
      onPostCommitFiberRoot: () => {},
      onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
        if (probe.on) walk(root.current);
      },
    };
  });
}

/** Starts counting (what rendered before is forgotten). */
export async function startRenderCount(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = (globalThis as Record<string, unknown>).__renderProbe as { on: boolean; places: string[] };
    probe.places.length = 0;
    probe.on = true;
  });
}

/** The row cells whose components rendered since startRenderCount, each once, sorted. */
export async function renderedCells(page: Page): Promise<string[]> {
  const places = await page.evaluate(() => {
    const probe = (globalThis as Record<string, unknown>).__renderProbe as { on: boolean; places: string[] };
    probe.on = false;
    return probe.places;
  });
  return [...new Set(places)].sort();
}
