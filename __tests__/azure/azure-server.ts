/**
 * A local HTTPS server on 127.0.0.1 that answers as Azure Resource Manager, Azure Monitor and
 * Microsoft Graph do, for the real SDK clients to talk to (no test reaches the internet). HTTPS
 * because the SDK refuses to send a bearer token over plain HTTP; the certificate is a self-signed
 * one for 127.0.0.1 in fixtures/, trusted through the clients' `tlsOptions`. Routes match the path
 * (query string aside) with a regular expression; the response bodies in the tests are shaped from
 * the public REST API specifications (azure-rest-api-specs examples, Graph's v1.0 reference).
 */
import { readFileSync } from 'fs';
import { createServer, Server } from 'https';
import { AddressInfo } from 'net';
import * as path from 'path';
import type { TokenCredential } from '@azure/core-auth';
import { AzureClients, createAzureClients } from '../../lib/azure/checks/clients';
import type { CheckResult } from '../../lib/azure/checks/result';

const FIXTURES = path.join(__dirname, 'fixtures');
export const CA = readFileSync(path.join(FIXTURES, 'localhost-cert.pem'));
const KEY = readFileSync(path.join(FIXTURES, 'localhost-key.pem'));

export interface Reply {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: string;
  readonly authorization?: string;
}

/** A route: method and path pattern; the answer, or answers in turn (the last one repeats). */
export type Route = readonly [method: string, pattern: RegExp, reply: Reply | Reply[] | ((request: SeenRequest) => Reply)];

export interface AzureServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Routes are tried in order; a request no route matches gets ARM's 404. */
  routes: Route[];
  close(): Promise<void>;
}

export async function startAzureServer(routes: Route[] = []): Promise<AzureServer> {
  const requests: SeenRequest[] = [];
  const served = new Map<Route, number>();
  const state: { routes: Route[] } = { routes };
  const server: Server = createServer({ key: KEY, cert: CA }, (req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body,
        authorization: req.headers.authorization,
      };
      requests.push(seen);
      const route = state.routes.find(([method, pattern]) => method === seen.method && pattern.test(seen.path));
      let reply: Reply;
      if (route === undefined) {
        reply = { status: 404, body: { error: { code: 'ResourceNotFound', message: `no route for ${seen.method} ${seen.path}` } } };
      } else if (typeof route[2] === 'function') {
        reply = route[2](seen);
      } else if (Array.isArray(route[2])) {
        const n = served.get(route) ?? 0;
        served.set(route, n + 1);
        reply = route[2][Math.min(n, route[2].length - 1)];
      } else {
        reply = route[2] as Reply;
      }
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    get routes() {
      return state.routes;
    },
    set routes(value: Route[]) {
      state.routes = value;
      served.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token shaped like Entra ID's (header.payload.signature), with the claims a test chooses. */
export function fakeToken(claims: Record<string, unknown>): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const SUBSCRIPTION = '66666666-7777-8888-9999-000000000000';
export const OPERATOR = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

/** A credential that hands out a fake token, as `az login` would for a user of TENANT. */
export function fakeCredential(claims: Record<string, unknown> = {}): TokenCredential {
  const token = fakeToken({ tid: TENANT, oid: OPERATOR, upn: 'operator@contoso.example', idtyp: 'user', ...claims });
  return { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) };
}

/** The real SDK clients, pointed at the local server. */
export function clientsFor(server: AzureServer, credential: TokenCredential = fakeCredential()): AzureClients {
  return createAzureClients(credential, SUBSCRIPTION, { arm: server.url, graph: server.url, tlsOptions: { ca: CA } });
}

/** ARM's error body. */
export const armError = (status: number, code: string, message: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { error: { code, message } },
  headers,
});

/**
 * A server for the whole test file, with `routes()` as its answers before each test, and one set of
 * clients signed in as the default operator (their connections are reused from test to test).
 */
export function useAzureServer(routes: () => Route[]): { server: AzureServer; clients: AzureClients } {
  const shared = {} as { server: AzureServer; clients: AzureClients };
  beforeAll(async () => {
    shared.server = await startAzureServer();
    shared.clients = clientsFor(shared.server);
  });
  afterAll(() => shared.server.close());
  beforeEach(() => {
    shared.server.routes = routes();
    shared.server.requests.length = 0;
  });
  return shared;
}

/** The results by check, and the results' statuses by check. */
export const findCheck = (results: readonly CheckResult[], check: string) => results.find((c) => c.check === check) as CheckResult;
export const statuses = (results: readonly CheckResult[]) => Object.fromEntries(results.map((c) => [c.check, c.status]));
