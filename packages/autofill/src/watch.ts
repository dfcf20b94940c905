import type { DetectOptions, OtpTarget } from './detect.js';
import { findBestOtpTarget } from './step.js';

export interface WatchOptions extends DetectOptions {
  /** Minimum time between two scans, in milliseconds (default 300). */
  throttleMs?: number;
  /** Give up after this long without finding anything (default 10 minutes). */
  maxWatchMs?: number;
}

export interface Watcher {
  stop(): void;
}

/**
 * Runs `check` after DOM changes, at most once per `throttleMs`. The MutationObserver callback does constant
 * work (it only arms a timer); focus changes also schedule a check because fields inside shadow roots produce no
 * mutations on the document. The caller runs the first check (`checkNow`) once it holds the returned handle.
 */
function throttledObserver(
  document: Document,
  check: () => void,
  options: WatchOptions,
): Watcher & { idle(): void; checkNow(): void } {
  const view = document.defaultView;
  const throttleMs = options.throttleMs ?? 300;
  const maxWatchMs = options.maxWatchMs ?? 600_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastCheck = 0;
  let stopped = false;

  const run = () => {
    timer = undefined;
    if (stopped) return;
    lastCheck = Date.now();
    check();
  };
  const schedule = () => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(run, Math.max(0, lastCheck + throttleMs - Date.now()));
  };

  const observer = view ? new view.MutationObserver(schedule) : undefined;
  observer?.observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['hidden', 'style', 'class', 'disabled', 'readonly', 'type', 'open'],
  });
  document.addEventListener('focusin', schedule, true);
  let deadline = setTimeout(stop, maxWatchMs);

  function stop() {
    if (stopped) return;
    stopped = true;
    observer?.disconnect();
    document.removeEventListener('focusin', schedule, true);
    if (timer !== undefined) clearTimeout(timer);
    clearTimeout(deadline);
  }
  /** Something was found: the "nothing found for too long" clock starts again. */
  function idle() {
    if (stopped) return;
    clearTimeout(deadline);
    deadline = setTimeout(stop, maxWatchMs);
  }

  return { stop, idle, checkNow: run };
}

function isConnected(target: OtpTarget): boolean {
  return target.kind === 'single' ? target.input.isConnected : target.inputs.every((input) => input.isConnected);
}

/**
 * Calls `onFound` when an OTP field shows up, for forms that appear after the page loaded (an SPA's step-up
 * after the password, a modal). Scans are throttled (see `WatchOptions`). Watching stops after the first hit:
 * call `stop()` to end it sooner.
 */
export function watchForOtpTarget(
  document: Document,
  onFound: (target: OtpTarget) => void,
  options: WatchOptions = {},
): Watcher {
  const watcher = throttledObserver(
    document,
    () => {
      const target = findBestOtpTarget(document, options);
      if (!target) return;
      watcher.stop();
      onFound(target);
    },
    options,
  );
  watcher.checkNow();
  return { stop: watcher.stop };
}

/**
 * Keeps track of the page's OTP field while the page lives: `onTarget` is called with each new field, including
 * the one an SPA renders in place of a field it removed (a re-render, "resend code", a framework `key` change).
 * It returns a cleanup, called when that field leaves the document. While the current field is still in the
 * document a check is one `isConnected` test; a full scan runs only while there is no field. Call `stop()` once
 * the code is filled; watching also ends after `maxWatchMs` without any field.
 */
export function followOtpTarget(
  document: Document,
  onTarget: (target: OtpTarget) => (() => void) | undefined,
  options: WatchOptions = {},
): Watcher {
  let current: { target: OtpTarget; cleanup: (() => void) | undefined } | undefined;
  const watcher = throttledObserver(
    document,
    () => {
      if (current && isConnected(current.target)) return;
      current?.cleanup?.();
      current = undefined;
      const target = findBestOtpTarget(document, options);
      if (!target) return;
      watcher.idle();
      current = { target, cleanup: onTarget(target) };
    },
    options,
  );
  watcher.checkNow();
  return { stop: watcher.stop };
}
