import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { LogoMark } from '../ui/icons';

/** The options page's groups, in rail order: the destructive one last. */
export const OPTION_GROUPS = ['security', 'backup', 'import', 'accounts', 'fleet', 'organisation', 'danger'] as const;
export type OptionGroup = (typeof OPTION_GROUPS)[number];

const LABELS: Record<OptionGroup, () => string> = {
  security: () => i18n.t('options.nav.security'),
  backup: () => i18n.t('options.nav.backup'),
  import: () => i18n.t('options.nav.import'),
  accounts: () => i18n.t('options.nav.accounts'),
  fleet: () => i18n.t('options.nav.fleet'),
  organisation: () => i18n.t('options.nav.organisation'),
  danger: () => i18n.t('options.nav.danger'),
};

export const groupId = (group: OptionGroup) => `options-${group}`;

/**
 * The page's frame: title, a navigation rail with one link per group shown, and the groups. Each group wraps the
 * section components that belong to it, unchanged, so sections keep their own headings and landmarks.
 */
export function OptionsLayout(props: {
  groups: Partial<Record<OptionGroup, ComponentChildren>>;
  top?: ComponentChildren;
}) {
  const rendered = OPTION_GROUPS.filter((group) => props.groups[group]);
  const main = useRef<HTMLElement>(null);
  // Some sections draw nothing until they have something to say (the fleet before any NMC was checked, the
  // organisation's settings without a policy): their groups stay out of the rail.
  const [empty, setEmpty] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const root = main.current;
    if (!root) return;
    const measure = () => {
      const now = new Set(
        [...root.querySelectorAll<HTMLElement>('.options-group')]
          .filter((element) => element.childElementCount === 0)
          .map((element) => element.dataset.group as string),
      );
      setEmpty((before) => (before.size === now.size && [...now].every((group) => before.has(group)) ? before : now));
    };
    measure();
    const observer = new MutationObserver(measure);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  const shown = rendered.filter((group) => !empty.has(group));
  const [current, setCurrent] = useState<OptionGroup | undefined>(shown[0]);
  useEffect(() => {
    // The rail marks the group in view: the first one whose top is in the upper part of the window.
    const observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.filter((entry) => entry.isIntersecting);
        const first = visible.sort((a, b) => a.boundingClientRect.top - b.boundingClientRect.top)[0];
        if (first) setCurrent(first.target.getAttribute('data-group') as OptionGroup);
      },
      { rootMargin: '0px 0px -70% 0px' },
    );
    for (const group of shown) {
      const element = document.getElementById(groupId(group));
      if (element) observer.observe(element);
    }
    return () => observer.disconnect();
  }, [shown.join()]);
  return (
    <div class="options-layout">
      <header class="options-header">
        <LogoMark size={32} />
        <h1>{i18n.t('options.title')}</h1>
      </header>
      <nav class="rail" aria-label={i18n.t('options.sections')}>
        <ul>
          {shown.map((group) => (
            <li key={group}>
              <a
                href={`#${groupId(group)}`}
                class={group === 'danger' ? 'danger-link' : undefined}
                aria-current={group === current ? 'true' : undefined}
                onClick={() => setCurrent(group)}
              >
                {LABELS[group]()}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main class="options" ref={main}>
        {props.top}
        {rendered.map((group) => (
          <div
            key={group}
            id={groupId(group)}
            data-group={group}
            class={group === 'danger' ? 'options-group danger-zone' : 'options-group'}
          >
            {props.groups[group]}
          </div>
        ))}
      </main>
    </div>
  );
}
