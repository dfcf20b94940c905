import { i18n } from '#i18n';

/** Marks a value the organisation's policy sets; its control is disabled or bounded next to it. */
export function ManagedBadge() {
  return <span class="managed-badge">{i18n.t('managed.badge')}</span>;
}
