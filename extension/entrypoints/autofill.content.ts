import { installAutofill } from '../src/autofill/content';

// Never declared for all URLs: the background injects this on demand (activeTab + scripting) when the user asks
// for a code, and registers it only for the sites where the user turned "always detect" on.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  allFrames: true,
  main() {
    installAutofill();
  },
});
