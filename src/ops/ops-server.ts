// The loopback HTTP endpoint for monitoring: GET /metrics (Prometheus text), /healthz and /readyz
// (200 or 503 with a JSON body that says why). Plain node:http: three read-only routes need no framework.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { HealthReport, Readiness } from './health';

export interface OpsEndpoints {
  registry: Registry;
  health(): HealthReport;
  readiness(): Promise<Readiness>;
  onError(route: string, err: Error): void;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

export async function startOpsServer(host: string, port: number, ep: OpsEndpoints): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const route = (req.url ?? '/').split('?')[0] ?? '/';
    const json = (status: number, body: object): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { error: 'only GET' });
    const answer = async (): Promise<void> => {
      if (route === '/metrics') {
        const text = await ep.registry.metrics();
        res.writeHead(200, { 'Content-Type': ep.registry.contentType }).end(text);
      } else if (route === '/healthz') {
        const h = ep.health();
        json(h.ok ? 200 : 503, h);
      } else if (route === '/readyz') {
        const r = await ep.readiness();
        json(r.ok ? 200 : 503, r);
      } else {
        json(404, { error: 'not found', routes: ['/metrics', '/healthz', '/readyz'] });
      }
    };
    answer().catch((err: unknown) => {
      ep.onError(route, err as Error);
      if (!res.headersSent) json(500, { error: (err as Error).message });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
