import { runNmcChecker } from '../src/nmc/content';

// Unlisted, like autofill.ts: a WXT content script would post its start to the page's window.
// Never in the manifest: registered at runtime for watched NMC origins, or injected once via activeTab.
export default defineUnlistedScript(() => runNmcChecker());
