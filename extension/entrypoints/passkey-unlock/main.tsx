import { render } from 'preact';
import { i18n } from '#i18n';
import { PasskeyWindow } from '../../src/passkey/PasskeyWindow';
import '../../src/ui/base.css';

// The small window the popup opens where the passkey dialog would take the focus and close the popup.
document.documentElement.lang = i18n.t('extension.lang') || 'en';
document.title = i18n.t('passkey.windowTitle');
render(<PasskeyWindow />, document.getElementById('app') as HTMLElement);
