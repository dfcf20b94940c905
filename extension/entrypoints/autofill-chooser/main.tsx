import { render } from 'preact';
import { i18n } from '#i18n';
import { ChooserWindow } from '../../src/autofill/ChooserWindow';
import '../../src/ui/base.css';

// The window the background opens when several accounts are bound to the page's site and the page asked for a code
// (shortcut, context menu, in-field button): the account names are shown here, never in the page.
document.documentElement.lang = i18n.t('extension.lang') || 'en';
document.title = i18n.t('autofill.chooserWindowTitle');
render(<ChooserWindow />, document.getElementById('app') as HTMLElement);
