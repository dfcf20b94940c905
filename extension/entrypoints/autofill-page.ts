import { installAutofillPage } from '../src/autofill/page';

// The second half of autofill, injected on demand after `/autofill.js` (see `src/autofill/page.ts`): the step
// description, the appended-to-password fill, notices and the in-field button. Unlisted, like `autofill.ts`.
export default defineUnlistedScript(() => installAutofillPage());
