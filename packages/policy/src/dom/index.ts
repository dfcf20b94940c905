/**
 * `@mfa-companion/policy/dom`: reading NMC Web UI pages. DOM in, data out; no extension APIs, no network.
 */
export {
  type NmcCardReading,
  type NmcMissingFact,
  type NmcPageKind,
  type NmcPageReading,
  type NmcPageReadingDetailed,
  readNmcPage,
  readNmcPageDetailed,
} from './read.ts';
export { describePageStructure } from './structure.ts';
