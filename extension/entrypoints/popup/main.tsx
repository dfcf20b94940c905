// First import: starts the vault's storage reads before the rest of the popup's code is evaluated.
import '../../src/popup/prefetch';
import { render } from 'preact';
import { i18n } from '#i18n';
import { PopupApp } from '../../src/popup/PopupApp';
import '../../src/ui/base.css';
import '../../src/popup/popup.css';

// Screen readers pronounce the UI in the language of the messages the browser picked.
document.documentElement.lang = i18n.t('extension.lang') || 'en';
render(<PopupApp />, document.getElementById('app') as HTMLElement);
