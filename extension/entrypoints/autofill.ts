import { installAutofill } from '../src/autofill/content';

// An unlisted script, not a WXT content script: WXT wraps content scripts in a ContentScriptContext that posts
// "<extension id>:autofill:wxt:content-script-started" to the page's window (and dispatches it on the document),
// telling every page the extension's id and when it injects. This script talks to nothing but the extension.
// Never declared for all URLs: the background injects it on demand (activeTab + scripting) when the user asks for
// a code, and registers it only for the sites where the user turned "always detect" on.
export default defineUnlistedScript(() => installAutofill());
