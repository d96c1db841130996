// Runs in the page before the app (page.addInitScript): what the browser benchmark reads back.
// Plain browser JavaScript, so the benchmark's Node typecheck needs no DOM types.
(() => {
  const probe = {
    /** Per keystroke: ms from the keydown's timestamp to the end of its work, and to the frame after it. */
    keys: [],
    /** Event Timing entries (≥ 16 ms) of key events: the browser's own input-to-paint figure. */
    slowKeyEvents: [],
    longTasks: [],
    firstRowsPaint: null,
    pending: null,
  };
  window.__benchProbe = probe;
  let keydownAt = null;
  document.addEventListener(
    'keydown',
    (e) => {
      keydownAt = e.timeStamp;
    },
    true,
  );
  // 'input' follows the key's keydown/keypress; React re-renders in the same task, so a task queued
  // here runs once that work is done, and the frame after the next animation frame is its paint
  document.addEventListener(
    'input',
    () => {
      const start = keydownAt;
      if (start === null) return;
      keydownAt = null;
      const entry = { work: Number.NaN, paint: Number.NaN };
      probe.keys.push(entry);
      setTimeout(() => {
        entry.work = performance.now() - start;
      }, 0);
      probe.pending = new Promise((resolve) => {
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            entry.paint = performance.now() - start;
            resolve(entry);
          };
          channel.port2.postMessage(0);
        });
      });
    },
    true,
  );
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === 'keydown')
        probe.slowKeyEvents.push({ name: e.name, duration: e.duration, interaction: e.interactionId });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ at: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // the first list row in the DOM, then the frame that shows it
  const rows = new MutationObserver(() => {
    if (!document.querySelector('.record-row')) return;
    rows.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.firstRowsPaint = performance.now();
      };
      channel.port2.postMessage(0);
    });
  });
  document.addEventListener('DOMContentLoaded', () =>
    rows.observe(document.body, { childList: true, subtree: true }),
  );
})();
