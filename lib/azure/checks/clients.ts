/**
 * The Azure SDK clients the checks use, made in one place. The SDK packages are loaded here, on the
 * first call, never at import: the synth and the library's other users do not pay for them. A test
 * (or a sovereign cloud) points every client at other endpoints; a platform team may build the
 * object itself from clients it already has.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';
import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { EventHubManagementClient } from '@azure/arm-eventhub';
import type { MonitorClient } from '@azure/arm-monitor';
import type { PolicyInsightsClient } from '@azure/arm-policyinsights';
import type { ResourceManagementClient } from '@azure/arm-resources';
import type { SubscriptionClient } from '@azure/arm-resources-subscriptions';

/** Microsoft Graph v1.0, through the Azure SDK's own pipeline (token, retries, 429 Retry-After). */
export interface GraphClient {
  /** GET one object; `path` is relative to the version root ("/applications?$filter=..."). */
  get<T>(path: string): Promise<T>;
  /** GET a collection, following `@odata.nextLink` to the end. */
  list<T>(path: string): Promise<T[]>;
}

export interface AzureClients {
  readonly credential: TokenCredential;
  readonly subscriptionId: string;
  /** The token scope of Azure Resource Manager ("https://management.azure.com/.default"). */
  readonly armScope: string;
  /** The token scope of Microsoft Graph. */
  readonly graphScope: string;
  readonly eventHub: EventHubManagementClient;
  readonly monitor: MonitorClient;
  readonly authorization: AuthorizationManagementClient;
  readonly policyInsights: PolicyInsightsClient;
  readonly resources: ResourceManagementClient;
  readonly subscriptions: SubscriptionClient;
  readonly graph: GraphClient;
}

export interface AzureEndpoints {
  /** @default https://management.azure.com */
  readonly arm?: string;
  /** @default https://graph.microsoft.com */
  readonly graph?: string;
  /** Extra trusted CAs and the like, for every client. @default the platform's */
  readonly tlsOptions?: TlsSettings;
}

const ARM = 'https://management.azure.com';
const GRAPH = 'https://graph.microsoft.com';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded only by the commands that talk to Azure */
function graphClient(credential: TokenCredential, endpoint: string, tlsOptions: TlsSettings | undefined): GraphClient {
  const { ServiceClient } = require('@azure/core-client') as typeof import('@azure/core-client');
  const { createPipelineRequest, RestError } = require('@azure/core-rest-pipeline') as typeof import('@azure/core-rest-pipeline');
  const client = new ServiceClient({ credential, credentialScopes: [`${endpoint}/.default`], baseUri: endpoint, tlsOptions });
  const root = `${endpoint}/v1.0`;
  async function getUrl<T>(url: string): Promise<T> {
    const request = createPipelineRequest({ url, method: 'GET', tlsSettings: tlsOptions });
    request.headers.set('Accept', 'application/json');
    // Graph's advanced queries ($count, `endsWith`) need it; harmless on the others
    request.headers.set('ConsistencyLevel', 'eventual');
    const response = await client.sendRequest(request);
    let body: { error?: { code?: string; message?: string } } & Record<string, unknown> = {};
    try {
      body = JSON.parse(response.bodyAsText ?? '{}');
    } catch {
      // a body that is not JSON is reported by its status below
    }
    if (response.status >= 400) {
      throw new RestError(body.error?.message ?? `HTTP ${response.status}`, {
        statusCode: response.status,
        code: body.error?.code,
        request,
        response,
      });
    }
    return body as T;
  }
  return {
    get: (path) => getUrl(root + path),
    async list<T>(path: string): Promise<T[]> {
      const items: T[] = [];
      let next: string | undefined = root + path;
      while (next !== undefined) {
        const page: { value?: T[]; '@odata.nextLink'?: string } = await getUrl(next);
        items.push(...(page.value ?? []));
        next = page['@odata.nextLink'];
      }
      return items;
    },
  };
}

/** Every client, for one subscription, signed in with `credential`. */
export function createAzureClients(credential: TokenCredential, subscriptionId: string, endpoints: AzureEndpoints = {}): AzureClients {
  const arm = (endpoints.arm ?? ARM).replace(/\/+$/, '');
  const graph = (endpoints.graph ?? GRAPH).replace(/\/+$/, '');
  const options = { endpoint: arm, credentialScopes: [`${arm}/.default`], tlsOptions: endpoints.tlsOptions };
  const { EventHubManagementClient } = require('@azure/arm-eventhub') as typeof import('@azure/arm-eventhub');
  const { MonitorClient } = require('@azure/arm-monitor') as typeof import('@azure/arm-monitor');
  const { AuthorizationManagementClient } = require('@azure/arm-authorization') as typeof import('@azure/arm-authorization');
  const { PolicyInsightsClient } = require('@azure/arm-policyinsights') as typeof import('@azure/arm-policyinsights');
  const { ResourceManagementClient } = require('@azure/arm-resources') as typeof import('@azure/arm-resources');
  const { SubscriptionClient } = require('@azure/arm-resources-subscriptions') as typeof import('@azure/arm-resources-subscriptions');
  return {
    credential,
    subscriptionId,
    armScope: `${arm}/.default`,
    graphScope: `${graph}/.default`,
    eventHub: new EventHubManagementClient(credential, subscriptionId, options),
    monitor: new MonitorClient(credential, subscriptionId, options),
    authorization: new AuthorizationManagementClient(credential, subscriptionId, options),
    policyInsights: new PolicyInsightsClient(credential, subscriptionId, options),
    resources: new ResourceManagementClient(credential, subscriptionId, options),
    subscriptions: new SubscriptionClient(credential, options),
    graph: graphClient(credential, graph, endpoints.tlsOptions),
  };
}

/**
 * The credential Azure's own tools use: environment (service principal, or workload identity
 * federation in CI through AZURE_FEDERATED_TOKEN_FILE), workload identity, managed identity (Cloud
 * Shell's), then the Azure CLI's sign-in (`az login`), Azure PowerShell's and azd's.
 */
export function defaultCredential(): TokenCredential {
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return new DefaultAzureCredential();
}
/* eslint-enable @typescript-eslint/no-require-imports */
