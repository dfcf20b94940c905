import type { DeliveryChannel } from '@mfa-companion/autofill/dom';
import { i18n } from '#i18n';

/** "This page asks for the code it sent you by e-mail/SMS…": one sentence for the page notice and the popup. */
export function deliveredNotice(channel: DeliveryChannel | undefined): string {
  switch (channel) {
    case 'email':
      return i18n.t('autofill.delivered.email');
    case 'sms':
      return i18n.t('autofill.delivered.sms');
    case 'voice':
      return i18n.t('autofill.delivered.voice');
    case 'push':
      return i18n.t('autofill.delivered.push');
    default:
      return i18n.t('autofill.delivered.unknown');
  }
}
