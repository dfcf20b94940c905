/**
 * The oldest Firefox the extension runs on: 142 is the first release that reads the manifest's
 * `data_collection_permissions`, which is how we declare that nothing is collected. The manifest
 * (wxt.config.ts) and the install page of the docs both read it from here.
 */
export const FIREFOX_MIN_VERSION = 142;
