import { render } from 'preact';
import { PopupApp } from '../../src/popup/PopupApp';
import '../../src/ui/base.css';

render(<PopupApp />, document.getElementById('app') as HTMLElement);
