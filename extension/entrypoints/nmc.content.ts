import { runNmcChecker } from '../src/nmc/content';

// Never in the manifest: registered at runtime for watched NMC origins, or injected once via activeTab.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main: () => runNmcChecker(),
});
