import { type DetectOptions, findBestOtpTarget, type OtpTarget } from './detect.js';

export interface WatchOptions extends DetectOptions {
  /** Minimum time between two scans, in milliseconds (default 300). */
  throttleMs?: number;
  /** Give up after this long without finding anything (default 10 minutes). */
  maxWatchMs?: number;
}

/**
 * Calls `onFound` when an OTP field shows up, for forms that appear after the page loaded (an SPA's step-up
 * after the password, a modal). The MutationObserver callback does constant work — it only arms a timer — and
 * scans run at most once per `throttleMs`; focus changes also trigger a scan because fields inside shadow roots
 * do not produce mutations on the document. Watching stops after the first hit: call `stop()` to end it sooner.
 */
export function watchForOtpTarget(
  document: Document,
  onFound: (target: OtpTarget) => void,
  options: WatchOptions = {},
): { stop(): void } {
  const view = document.defaultView;
  const throttleMs = options.throttleMs ?? 300;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastScan = 0;
  let stopped = false;

  const scan = () => {
    timer = undefined;
    if (stopped) return;
    lastScan = Date.now();
    const target = findBestOtpTarget(document, options);
    if (target) {
      stop();
      onFound(target);
    }
  };
  const schedule = () => {
    if (stopped || timer !== undefined) return;
    const wait = Math.max(0, lastScan + throttleMs - Date.now());
    timer = setTimeout(scan, wait);
  };

  const observer = view ? new view.MutationObserver(schedule) : undefined;
  observer?.observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['hidden', 'style', 'class', 'disabled', 'type'],
  });
  document.addEventListener('focusin', schedule, true);
  const deadline = setTimeout(() => stop(), options.maxWatchMs ?? 600_000);

  function stop() {
    if (stopped) return;
    stopped = true;
    observer?.disconnect();
    document.removeEventListener('focusin', schedule, true);
    if (timer !== undefined) clearTimeout(timer);
    clearTimeout(deadline);
  }

  scan();
  return { stop };
}
