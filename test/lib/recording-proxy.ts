import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the browser tried to make, as the proxy saw it. */
export interface ProxiedRequest {
  method: string;
  /** Absolute URL (`https://host:443` for a refused CONNECT tunnel). */
  url: string;
  /** True when the proxy passed it on to a server on 127.0.0.1. */
  forwarded: boolean;
}

export interface RecordingProxy {
  port: number;
  /** Every request since start, in order. */
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost']);

/**
 * The one door out of a test Firefox: every http request (loopback included) goes through this proxy, which
 * records it and passes it on only when its host is 127.0.0.1 or one of `hosts` — and then always to 127.0.0.1,
 * on the request's port. Anything else (another host, any TLS tunnel) is recorded and refused, so nothing leaves
 * the machine and a suite can prove which origins were contacted. This is also how fixtures get host names.
 */
export async function startRecordingProxy(hosts: string[] = []): Promise<RecordingProxy> {
  const allowed = new Set([...LOOPBACK_NAMES, ...hosts.map((host) => host.toLowerCase())]);
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((incoming, outgoing) => {
    let target: URL;
    try {
      target = new URL(incoming.url ?? '');
    } catch {
      outgoing.writeHead(400).end('absolute URL expected');
      return;
    }
    const forwarded = target.protocol === 'http:' && allowed.has(target.hostname.toLowerCase());
    requests.push({ method: incoming.method ?? 'GET', url: target.href, forwarded });
    if (!forwarded) {
      outgoing.writeHead(502, { 'content-type': 'text/plain' }).end('blocked by the test proxy');
      return;
    }
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: Number(target.port || 80),
        method: incoming.method,
        path: `${target.pathname}${target.search}`,
        headers: incoming.headers,
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  server.on('connect', (incoming, socket: Socket) => {
    requests.push({ method: 'CONNECT', url: `https://${incoming.url}`, forwarded: false });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
