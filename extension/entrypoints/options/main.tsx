import { render } from 'preact';
import { OptionsApp } from '../../src/options/OptionsApp';
import '../../src/ui/base.css';

render(<OptionsApp />, document.getElementById('app') as HTMLElement);
