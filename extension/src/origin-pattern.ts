import { MATCH_PATTERNS_HAVE_PORTS } from './browser-support';

/**
 * Firefox's match patterns cannot name a port (Firefox bugs 1362809 and 1468162): one that does matches nothing,
 * and a grant for the whole host is not counted as covering `host:port` by `permissions.contains`. Chrome's can,
 * and a pattern without a port there means every port.
 */
const PATTERNS_HAVE_PORTS = MATCH_PATTERNS_HAVE_PORTS[import.meta.env.FIREFOX ? 'firefox' : 'chrome'];

/**
 * The host-permission and content-script match pattern for one web origin: exactly that origin where the browser
 * can say so (`http://192.168.1.20:8080/*`), otherwise its host on every port (`http://192.168.1.20/*`), the
 * narrowest pattern Firefox accepts. Every request, check, removal and registration uses this one function.
 */
export function originPattern(origin: string, patternsHavePorts = PATTERNS_HAVE_PORTS): string {
  const url = new URL(origin);
  return patternsHavePorts ? `${url.origin}/*` : `${url.protocol}//${url.hostname}/*`;
}
