import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. `destroy` drops the connection without a response (a network error for the client). */
export interface Reply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly delayMs?: number;
  readonly destroy?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/** A fixed reply, a sequence (the n-th request gets the n-th reply, the last one repeats), or a function. */
export type Handler = Reply | readonly Reply[] | ((request: RecordedRequest) => Reply);

export interface TestServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  route(path: string, handler: Handler): void;
  hits(path: string): number;
  close(): Promise<void>;
}

function pick(handler: Handler, request: RecordedRequest, count: number): Reply {
  if (typeof handler === 'function') return handler(request);
  if (Array.isArray(handler)) {
    const list = handler as readonly Reply[];
    return list[Math.min(count, list.length - 1)] ?? { status: 500 };
  }
  return handler as Reply;
}

/** An HTTP server on 127.0.0.1 at a random port that answers from a route table; unknown paths get an empty 404. */
export async function startTestServer(routes: Record<string, Handler> = {}): Promise<TestServer> {
  const table = new Map<string, Handler>(Object.entries(routes));
  const counts = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res: ServerResponse) => {
    const path = req.url ?? '/';
    const request: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers };
    requests.push(request);
    const count = counts.get(path) ?? 0;
    counts.set(path, count + 1);
    const handler = table.get(path);
    const reply: Reply = handler === undefined ? { status: 404 } : pick(handler, request, count);
    const send = (): void => {
      if (reply.destroy === true) {
        req.socket.destroy();
        return;
      }
      const body = reply.body ?? '';
      res.writeHead(reply.status ?? 200, { 'content-length': Buffer.byteLength(body), ...reply.headers });
      res.end(body);
    };
    if (reply.delayMs !== undefined) setTimeout(send, reply.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, handler) => {
      table.set(path, handler);
    },
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
