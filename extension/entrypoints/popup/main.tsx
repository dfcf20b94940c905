// First import: starts the vault's storage reads before the rest of the popup's code is evaluated.
import '../../src/popup/prefetch';
import { render } from 'preact';
import { i18n } from '#i18n';
import { loadInitialState } from '../../src/popup/initial-state';
import { PopupApp } from '../../src/popup/PopupApp';
import '../../src/ui/base.css';

// Screen readers pronounce the UI in the language of the messages the browser picked.
document.documentElement.lang = i18n.t('extension.lang') || 'en';
// Rendered once what the first paint needs is known: the first frame with content already shows the codes.
void loadInitialState().then((initial) =>
  render(<PopupApp initial={initial} />, document.getElementById('app') as HTMLElement),
);
