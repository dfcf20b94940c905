import { registerAutofill } from '../src/background/autofill';
import { registerManagedPolicy } from '../src/background/managed';
import { registerNmc } from '../src/background/nmc';
import { registerVault } from '../src/background/vault';

// Listeners must be registered synchronously at start-up so an event that woke the worker is delivered.
export default defineBackground(() => {
  registerVault();
  registerAutofill();
  registerNmc();
  registerManagedPolicy();
});
