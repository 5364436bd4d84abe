/**
 * Health: whether a deployed stream works, from Azure's side. The resources exist as the state says,
 * Defender is writing (IncomingMessages) and XDR reading (OutgoingMessages), the hub is not
 * throttling or running out of capacity, consent is granted, the secret XDR holds is far from its
 * end, and the network rules are the deployed ones. One function per check; `runHealth` runs them.
 */
import type { EHNamespace } from '@azure/arm-eventhub';
import { recommendSizing, processingUnitsFor } from '../../sizing/recommend';
import { AzureClients } from './clients';
import { MetricTotals, peakEvents, readMetricTotals, regroup, sumOf, wholeMinute } from './metrics';
import { CheckResult, failed, notCheckable, passed, statusOf } from './result';

/** A deployment as its Terraform outputs describe it. */
export interface DeployedStream {
  /** `event_hub_namespace_resource_id` */
  readonly namespaceResourceId: string;
  readonly eventHubName: string;
  readonly consumerGroupName: string;
  readonly listenPolicyName: string;
  /** `client_id`; absent on a replacement, which has no application. */
  readonly clientId?: string;
  /** `client_secret_key_id`: the secret XDR holds. */
  readonly clientSecretKeyId?: string;
  /** `client_secret_expires_at`: its end as the state records it, for when Entra ID cannot be read. */
  readonly clientSecretExpiresAt?: string;
  /** The address ranges the deploy allows (`allowed_ip_ranges`); empty or absent: every address. */
  readonly allowedIpRanges?: readonly string[];
}

export interface HealthOptions {
  /** @default the current time */
  readonly now?: Date;
  /** A held secret closer than this to its end fails. @default 30 */
  readonly secretWarningDays?: number;
  /** What the operator runs to resize, named in the advice. @default "resize the namespace" */
  readonly resizeCommand?: string;
  /** What deploys this stream's stack, named in the advice. @default "npx cdktf deploy" */
  readonly deployCommand?: string;
  /** What prints the values to enter in Defender and XDR, named in the advice. @default "npm run values" */
  readonly valuesCommand?: string;
  /** What rotates the client secret, named in the advice. @default "npm run rotate" */
  readonly rotateCommand?: string;
}

/** The commands the advice names: the caller's, else the project's defaults. */
function commands(options: HealthOptions): { deploy: string; values: string; rotate: string } {
  return {
    deploy: options.deployCommand ?? 'npx cdktf deploy',
    values: options.valuesCommand ?? 'npm run values',
    rotate: options.rotateCommand ?? 'npm run rotate',
  };
}

/** Resource group and namespace name of a namespace resource ID. */
export function parseNamespaceId(id: string): { subscriptionId: string; resourceGroupName: string; namespaceName: string } {
  const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.EventHub\/namespaces\/([^/]+)$/i.exec(id);
  if (match === null) throw new Error(`not an Event Hubs namespace resource ID: ${JSON.stringify(id)}`);
  return { subscriptionId: match[1], resourceGroupName: match[2], namespaceName: match[3] };
}

export async function checkResources(
  clients: AzureClients,
  d: DeployedStream,
  options: HealthOptions = {},
): Promise<{ result: CheckResult; namespace?: EHNamespace }> {
  const check = 'resources as the state says';
  const { deploy, values } = commands(options);
  const { resourceGroupName: rg, namespaceName: ns } = parseNamespaceId(d.namespaceResourceId);
  const missing: string[] = [];
  const found = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      missing.push(what);
      return undefined;
    }
  };
  try {
    const namespace = await found(`namespace ${ns}`, () => clients.eventHub.namespaces.get(rg, ns));
    if (namespace === undefined) {
      return {
        result: failed(
          check,
          `namespace ${ns} is not in resource group ${rg}`,
          `${deploy} recreates what the state holds, with a new shared access policy key for XDR (${values}); if it was moved, see help/state.md`,
        ),
      };
    }
    const hub = await found(`event hub ${d.eventHubName}`, () => clients.eventHub.eventHubs.get(rg, ns, d.eventHubName));
    if (hub !== undefined) {
      await found(`consumer group ${d.consumerGroupName}`, () =>
        clients.eventHub.consumerGroups.get(rg, ns, d.eventHubName, d.consumerGroupName),
      );
      const policy = await found(`shared access policy ${d.listenPolicyName}`, () =>
        clients.eventHub.eventHubs.getAuthorizationRule(rg, ns, d.eventHubName, d.listenPolicyName),
      );
      if (policy !== undefined && !(policy.rights ?? []).includes('Listen')) missing.push(`Listen right on ${d.listenPolicyName}`);
    }
    if (missing.length > 0) {
      return {
        result: failed(
          check,
          `missing: ${missing.join(', ')}`,
          `${deploy} puts back what the state holds; XDR then needs the shared access policy key again (${values})`,
        ),
        namespace,
      };
    }
    const size = namespace.sku?.name === 'Premium' ? `${namespace.sku.capacity} PU` : `${namespace.sku?.capacity} TU`;
    return {
      result: passed(
        check,
        `namespace ${ns} (${namespace.sku?.name}, ${size}), event hub ${d.eventHubName} (${hub?.partitionCount} partitions), consumer group, listen policy`,
      ),
      namespace,
    };
  } catch (error) {
    return { result: notCheckable(check, error, 'Microsoft.EventHub/namespaces/read') };
  }
}

/** The metrics of the last hour (per minute) and of the last 24 hours (per hour). */
export interface StreamMetrics {
  readonly lastHour: MetricTotals;
  readonly lastDay: MetricTotals;
}

export async function readStreamMetrics(clients: AzureClients, d: DeployedStream, now: Date): Promise<StreamMetrics> {
  const to = wholeMinute(now);
  const hourAgo = new Date(to.getTime() - 3_600_000);
  const names = ['IncomingMessages', 'OutgoingMessages', 'ThrottledRequests', 'IncomingBytes'];
  const [lastHour, lastDay] = await Promise.all([
    readMetricTotals(clients, d.namespaceResourceId, d.eventHubName, names, { from: hourAgo, to, minutes: 1 }),
    readMetricTotals(clients, d.namespaceResourceId, d.eventHubName, ['IncomingMessages', 'OutgoingMessages'], {
      from: new Date(to.getTime() - 86_400_000),
      to,
      minutes: 60,
    }),
  ]);
  return { lastHour, lastDay };
}

/** One direction of the stream: Defender writing (IncomingMessages) or XDR reading (OutgoingMessages). */
export function checkFlow(metrics: StreamMetrics, direction: 'incoming' | 'outgoing', options: HealthOptions = {}): CheckResult {
  const { values } = commands(options);
  const metric = direction === 'incoming' ? 'IncomingMessages' : 'OutgoingMessages';
  const check = direction === 'incoming' ? 'Defender is writing' : 'XDR is reading';
  const fiveMinutes = regroup(metrics.lastHour[metric], 5);
  const data = { metric, lastHourPer5Minutes: fiveMinutes, last24HoursPerHour: metrics.lastDay[metric] };
  const total = sumOf(metrics.lastHour[metric]) ?? 0;
  if (total > 0) return passed(check, `${total.toLocaleString('en-US')} ${metric} in the last hour`, data);
  return direction === 'incoming'
    ? failed(
        check,
        `no ${metric} in the last hour`,
        `check Defender's Streaming API settings (Event Hub Resource ID and name: ${values})`,
        data,
      )
    : failed(
        check,
        `no ${metric} in the last hour`,
        `check XDR's Microsoft Defender for Endpoint integration (Listening badge, the values: ${values})`,
        data,
      );
}

/** Throttled requests, and the measured peak against the namespace's capacity by the sizing model. */
export function checkCapacity(metrics: StreamMetrics, namespace: EHNamespace | undefined, options: HealthOptions = {}): CheckResult {
  const check = 'capacity and throttling';
  const throttled = sumOf(metrics.lastHour.ThrottledRequests) ?? 0;
  const peak = peakEvents(metrics.lastHour) ?? 0;
  const recommendation = recommendSizing({ eventsPerMinute: peak });
  const resize = options.resizeCommand ?? 'resize the namespace';
  const data = { throttledRequests: throttled, peakEventsPerMinute: peak, recommendedThroughputUnits: recommendation.throughputUnits };
  const sku = namespace?.sku;
  let inUse = '';
  let short: string | undefined;
  if (sku?.name === 'Standard' && sku.capacity !== undefined) {
    const cap = namespace?.maximumThroughputUnits && namespace.isAutoInflateEnabled ? namespace.maximumThroughputUnits : sku.capacity;
    inUse = `; the peak minute needs ${recommendation.throughputUnits} TU by the sizing model, ${sku.capacity} TU allocated${cap !== sku.capacity ? ` (auto-inflate to ${cap})` : ''}`;
    if (recommendation.throughputUnits > cap) short = `${recommendation.throughputUnits} throughput units`;
  } else if (sku?.name === 'Premium' && sku.capacity !== undefined) {
    const needed = processingUnitsFor(recommendation.throughputUnits);
    inUse = `; the peak minute needs ${needed ?? 'more than 16'} PU by the sizing model, ${sku.capacity} PU allocated`;
    if (needed === undefined || needed > sku.capacity) short = `${needed ?? 'a dedicated cluster instead of 16'} processing units`;
  }
  const detail = `${throttled.toLocaleString('en-US')} throttled requests in the last hour, peak ${peak.toLocaleString('en-US')} events per minute${inUse}`;
  if (throttled > 0 || short !== undefined) {
    return failed(check, detail, `${short ? `raise to ${short}` : 'raise the capacity'}: ${resize}`, data);
  }
  return passed(check, detail, data);
}

interface PasswordCredential {
  readonly keyId: string;
  readonly displayName?: string | null;
  readonly endDateTime?: string | null;
}

interface GraphApplication {
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
  readonly passwordCredentials?: readonly PasswordCredential[];
  readonly requiredResourceAccess?: ReadonlyArray<{ resourceAppId: string; resourceAccess: ReadonlyArray<{ id: string; type: string }> }>;
}

/** The application by its client ID, as Microsoft Graph lists it; `undefined` when it is gone. */
export async function readApplication(clients: AzureClients, clientId: string): Promise<GraphApplication | undefined> {
  const apps = await clients.graph.list<GraphApplication>(
    `/applications?$filter=${encodeURIComponent(`appId eq '${clientId}'`)}&$select=id,appId,displayName,passwordCredentials,requiredResourceAccess`,
  );
  return apps[0];
}

const DAY = 86_400_000;
/**
 * A deploy alone replaces no secret: only npm run rotate before it does (help/rotation.md). The counter is
 * the project's, so the deploy is the one rotate prints (every stack that holds a secret).
 */
function rotateAdvice(options: HealthOptions): string {
  const { rotate, values } = commands(options);
  return `${rotate}, then the deploy it prints, then ${values} and enter the new client_secret in XDR (help/rotation.md)`;
}

export function checkSecrets(app: GraphApplication, d: DeployedStream, options: HealthOptions = {}): CheckResult {
  const check = 'client secret XDR holds';
  const now = options.now ?? new Date();
  const warn = options.secretWarningDays ?? 30;
  const secrets = (app.passwordCredentials ?? []).map((s) => {
    const end = s.endDateTime ? new Date(s.endDateTime) : undefined;
    return {
      keyId: s.keyId,
      displayName: s.displayName ?? null,
      endDateTime: s.endDateTime ?? null,
      daysLeft: end ? Math.floor((end.getTime() - now.getTime()) / DAY) : null,
      held: s.keyId.toLowerCase() === (d.clientSecretKeyId ?? '').toLowerCase(),
    };
  });
  const data = { secrets };
  const held = secrets.find((s) => s.held);
  const others = secrets.length - (held ? 1 : 0);
  const also = others > 0 ? `; ${others} other secret${others === 1 ? '' : 's'} listed` : '';
  if (held === undefined) {
    return failed(
      check,
      `the state's client_secret_key_id ${d.clientSecretKeyId ?? '(none)'} is not among the ${secrets.length} secrets Entra ID lists for ${app.displayName}`,
      `${commands(options).deploy} makes the secret again; enter the new client_secret in XDR (${commands(options).values})`,
      data,
    );
  }
  const when = `${held.keyId} ends ${held.endDateTime?.slice(0, 10) ?? 'never'}`;
  if (held.daysLeft !== null && held.daysLeft < warn) {
    return failed(check, `${when}, in ${held.daysLeft} day${held.daysLeft === 1 ? '' : 's'}${also}`, rotateAdvice(options), data);
  }
  return passed(check, `${when}, in ${held.daysLeft ?? 'no'} days${also}`, data);
}

/** The held secret's end as the state records it: what is known when Microsoft Graph cannot be read. */
export function secretFromState(d: DeployedStream, options: HealthOptions = {}): CheckResult {
  const check = 'client secret XDR holds';
  const left = Math.floor((new Date(d.clientSecretExpiresAt ?? '').getTime() - (options.now ?? new Date()).getTime()) / DAY);
  const detail = `${d.clientSecretKeyId ?? 'the secret'} ends ${d.clientSecretExpiresAt?.slice(0, 10)}, in ${left} days, by the state (Entra ID could not be read)`;
  if (Number.isNaN(left))
    return { check, status: 'unknown', detail: `client_secret_expires_at ${JSON.stringify(d.clientSecretExpiresAt)} is not a date` };
  return left < (options.secretWarningDays ?? 30) ? failed(check, detail, rotateAdvice(options)) : passed(check, detail);
}

export async function checkConsent(clients: AzureClients, app: GraphApplication, options: HealthOptions = {}): Promise<CheckResult> {
  const check = 'admin consent granted';
  const { deploy, values } = commands(options);
  try {
    const principals = await clients.graph.list<{ id: string }>(
      `/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${app.appId}'`)}&$select=id`,
    );
    if (principals.length === 0) {
      return failed(
        check,
        `${app.displayName} has no service principal in this tenant`,
        `${deploy} creates it; then open azure_consent_url (${values} prints it) as an administrator and accept`,
      );
    }
    const assignments = await clients.graph.list<{ appRoleId: string; resourceDisplayName?: string }>(
      `/servicePrincipals/${principals[0].id}/appRoleAssignments`,
    );
    const granted = new Set(assignments.map((a) => a.appRoleId.toLowerCase()));
    const required = (app.requiredResourceAccess ?? []).flatMap((r) =>
      r.resourceAccess.filter((a) => a.type === 'Role').map((a) => a.id.toLowerCase()),
    );
    const missing = required.filter((id) => !granted.has(id));
    const data = { granted: assignments.length, required: required.length };
    if (missing.length > 0) {
      return failed(
        check,
        `${missing.length} of ${required.length} application roles not granted`,
        `open azure_consent_url (${values} prints it) as an administrator and accept`,
        data,
      );
    }
    const apis = [...new Set(assignments.map((a) => a.resourceDisplayName).filter(Boolean))].join(', ');
    return passed(check, `all ${required.length} application roles granted${apis ? ` (${apis})` : ''}`, data);
  } catch (error) {
    return notCheckable(check, error, 'the Microsoft Graph permission Application.Read.All');
  }
}

/** A single address is written with or without "/32"; compare them alike. */
const cidr = (range: string) => (range.includes('/') ? range : `${range}/32`);

export async function checkNetworkRules(clients: AzureClients, d: DeployedStream, options: HealthOptions = {}): Promise<CheckResult> {
  const check = 'network rules in place';
  const { deploy } = commands(options);
  const { resourceGroupName: rg, namespaceName: ns } = parseNamespaceId(d.namespaceResourceId);
  try {
    const rules = await clients.eventHub.namespaces.getNetworkRuleSet(rg, ns);
    const actual = (rules.ipRules ?? []).filter((r) => (r.action ?? 'Allow') === 'Allow').map((r) => cidr(r.ipMask ?? ''));
    const expected = (d.allowedIpRanges ?? []).map(cidr);
    const open = rules.defaultAction !== 'Deny' && rules.publicNetworkAccess !== 'Disabled';
    if (expected.length === 0) {
      return open
        ? passed(check, 'every address may reach the namespace, as deployed')
        : failed(
            check,
            `the namespace admits only ${actual.join(', ') || 'no address'}, and allowed_ip_ranges is empty`,
            `${deploy} restores the deployed rules (or set allowed_ip_ranges)`,
          );
    }
    const extra = actual.filter((r) => !expected.includes(r));
    const absent = expected.filter((r) => !actual.includes(r));
    if (open || extra.length > 0 || absent.length > 0) {
      const what = open
        ? 'the namespace admits every address'
        : [absent.length ? `missing ${absent.join(', ')}` : '', extra.length ? `extra ${extra.join(', ')}` : ''].filter(Boolean).join('; ');
      return failed(check, `${what}; allowed_ip_ranges says ${expected.join(', ')}`, `${deploy} restores the deployed rules`);
    }
    return passed(check, `only ${expected.join(', ')} may reach the namespace`);
  } catch (error) {
    return notCheckable(check, error, 'Microsoft.EventHub/namespaces/networkrulesets/read');
  }
}

/** Every health check of one deployed stream. */
export async function runHealth(clients: AzureClients, d: DeployedStream, options: HealthOptions = {}): Promise<CheckResult[]> {
  const now = options.now ?? new Date();
  const { result: resources, namespace } = await checkResources(clients, d, options);
  const results: CheckResult[] = [resources];
  try {
    const metrics = await readStreamMetrics(clients, d, now);
    results.push(
      checkFlow(metrics, 'incoming', options),
      checkFlow(metrics, 'outgoing', options),
      checkCapacity(metrics, namespace, options),
    );
  } catch (error) {
    for (const check of ['Defender is writing', 'XDR is reading', 'capacity and throttling'])
      results.push(notCheckable(check, error, 'Microsoft.Insights/metrics/read'));
  }
  if (d.clientId !== undefined) {
    try {
      const app = await readApplication(clients, d.clientId);
      if (app === undefined) {
        results.push(
          failed(
            'application',
            `no application with client ID ${d.clientId} in this tenant`,
            `${commands(options).deploy} creates it again; XDR then needs the new client ID and secret (${commands(options).values}), and the application a new admin consent`,
          ),
        );
      } else {
        results.push(await checkConsent(clients, app, options), checkSecrets(app, d, { ...options, now }));
      }
    } catch (error) {
      results.push(notCheckable('application', error, 'the Microsoft Graph permission Application.Read.All'));
      if (d.clientSecretExpiresAt !== undefined) results.push(secretFromState(d, { ...options, now }));
    }
  }
  results.push(await checkNetworkRules(clients, d, options));
  return results;
}
