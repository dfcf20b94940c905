import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
};

export interface StaticServerOptions {
  /** Directory to serve. */
  root: string;
  /** 0 picks a free port. */
  port?: number;
  /** URL prefix the site is built for, e.g. `/docs/`. */
  basePath?: string;
}

export interface RunningServer {
  port: number;
  /** `http://127.0.0.1:<port><basePath>` */
  url: string;
  close(): Promise<void>;
}

/** Serves a directory on 127.0.0.1 only: the machines and CI must never listen on other addresses. */
export async function serveDirectory({ root, port = 0, basePath = '/' }: StaticServerOptions): Promise<RunningServer> {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const absoluteRoot = resolve(root);
  const server: Server = createServer((request, response) => {
    void handle(absoluteRoot, base, request, response);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}${base}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

async function handle(root: string, base: string, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (!url.pathname.startsWith(base) && `${url.pathname}/` !== base) {
    return notFound(response);
  }
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname.slice(base.length));
  } catch {
    return notFound(response);
  }
  const candidate = normalize(join(root, relative));
  if (candidate !== root && !candidate.startsWith(root + sep)) return notFound(response);
  for (const path of [queryVariant(candidate, url), candidate, join(candidate, 'index.html'), `${candidate}.html`]) {
    if (path === undefined) continue;
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) {
      if (path === join(candidate, 'index.html') && !url.pathname.endsWith('/')) {
        response.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
      });
      if (request.method === 'HEAD') return response.end();
      createReadStream(path).pipe(response);
      return;
    }
  }
  const notFoundPage = join(root, '404.html');
  const info = await stat(notFoundPage).catch(() => undefined);
  if (info?.isFile()) {
    response.writeHead(404, { 'content-type': CONTENT_TYPES['.html'] ?? 'text/html' });
    createReadStream(notFoundPage).pipe(response);
    return;
  }
  notFound(response);
}

/**
 * A page that differs by one query parameter, as a device's Web UI does (`usercfg.htm?user=apc`), is stored as
 * `usercfg@user=apc.htm`. Only a single plain `key=value` is mapped; anything else is served from the path alone.
 */
function queryVariant(candidate: string, url: URL): string | undefined {
  const entries = [...url.searchParams];
  if (entries.length !== 1) return undefined;
  const [key, value] = entries[0] as [string, string];
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(key) || !/^[A-Za-z0-9._-]{0,64}$/.test(value)) return undefined;
  const extension = extname(candidate);
  return `${candidate.slice(0, candidate.length - extension.length)}@${key}=${value}${extension}`;
}

function notFound(response: ServerResponse) {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
}
