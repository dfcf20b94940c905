import { render } from 'preact';
import { i18n } from '#i18n';
import { OptionsApp } from '../../src/options/OptionsApp';
import '../../src/ui/base.css';

// Screen readers pronounce the UI in the language of the messages the browser picked.
document.documentElement.lang = i18n.t('extension.lang') || 'en';
render(<OptionsApp />, document.getElementById('app') as HTMLElement);
