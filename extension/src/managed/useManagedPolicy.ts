import { useEffect, useState } from 'preact/hooks';
import { loadManagedPolicy, onManagedPolicyChanged } from './browser-policy';
import { type ManagedPolicyReading, NO_POLICY } from './policy';

/**
 * The organisation's policy for a page's components, kept current while the page is open (an administrator's
 * change applies without a reload). `loaded` is false until the first read answered.
 */
export function useManagedPolicy(): ManagedPolicyReading & { loaded: boolean } {
  const [reading, setReading] = useState<ManagedPolicyReading & { loaded: boolean }>({ ...NO_POLICY, loaded: false });
  useEffect(() => {
    let live = true;
    const apply = (next: ManagedPolicyReading) => live && setReading({ ...next, loaded: true });
    void loadManagedPolicy().then(apply);
    const stop = onManagedPolicyChanged(apply);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return reading;
}
