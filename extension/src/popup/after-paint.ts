/**
 * Runs `callback` once the popup's first content is on screen (First Contentful Paint, reported after the frame
 * was presented), for work the first paint does not need: the NMC status (a tab query, a message to the
 * background, a permission check), the countdown's overscan rows, the activity stamp. Started earlier, that
 * work competes with the first frame's rasterisation for the same few cores. `fallbackMs` covers a browser
 * that reports no paint timing.
 */
export function afterFirstPaint(callback: () => void, fallbackMs = 300): () => void {
  let done = false;
  let observer: PerformanceObserver | undefined;
  const run = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    clearTimeout(timer);
    // Out of the observer callback: the deferred work starts in a task of its own.
    setTimeout(callback, 0);
  };
  const timer = setTimeout(run, fallbackMs);
  try {
    observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length > 0) run();
    });
    observer.observe({ type: 'paint', buffered: true });
  } catch {
    // No paint timing here: the fallback timer decides.
  }
  return () => {
    done = true;
    observer?.disconnect();
    clearTimeout(timer);
  };
}
