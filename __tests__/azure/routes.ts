/**
 * The answers of a tenant where everything is in place, before a deploy (preflight) and after one
 * (health); a test puts its own routes before these to change one answer.
 */
import { DeployedStream } from '../../lib/azure/checks/health';
import { OPERATOR, Reply, Route, SeenRequest } from './azure-server';
import * as r from './responses';

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
export const CONTRIBUTOR_ID = 'b24988ac-6180-42a0-ab88-20f7382dd24c';

/** A subscription and tenant where everything the deploy needs is in place. */
export function preflightRoutes(): Route[] {
  return [
    ['GET', /^\/subscriptions\/[^/]+$/i, { body: r.subscription() }],
    ['HEAD', /\/resourcegroups\/SCWX-TDR-RG$/i, { status: 204 }],
    ['GET', /\/resourcegroups\/SCWX-TDR-RG\/providers\/Microsoft\.Authorization\/permissions$/i, { body: { value: [r.CONTRIBUTOR] } }],
    ['GET', /\/providers\/Microsoft\.EventHub$/i, { body: r.provider('Microsoft.EventHub') }],
    ['GET', /\/providers\/Microsoft\.Insights$/i, { body: r.provider('Microsoft.Insights') }],
    ['POST', /\/providers\/Microsoft\.EventHub\/checkNameAvailability$/i, { body: { nameAvailable: true, reason: 'None', message: '' } }],
    ['POST', /\/providers\/Microsoft\.PolicyInsights\/checkPolicyRestrictions$/i, { body: r.noRestrictions() }],
    ['GET', /^\/v1\.0\/applications$/, { body: r.graphList([]) }],
    [
      'GET',
      /^\/v1\.0\/policies\/authorizationPolicy$/,
      { body: { id: 'authorizationPolicy', defaultUserRolePermissions: { allowedToCreateApps: true } } },
    ],
    [
      'GET',
      /^\/v1\.0\/roleManagement\/directory\/roleAssignments$/,
      { body: r.graphList([{ id: 'x', principalId: OPERATOR, roleDefinitionId: GLOBAL_ADMIN, directoryScopeId: '/' }]) },
    ],
  ];
}

export const NOW = new Date('2026-12-06T23:00:30Z');
export const KEY_ID = '7d3c0f3e-9a51-4c55-8f0c-2f6c6f9a0b11';
export const STREAM: DeployedStream = {
  namespaceResourceId: r.NAMESPACE_ID,
  eventHubName: r.HUB,
  consumerGroupName: 'SCWX-TDR-ConsumerGroup',
  listenPolicyName: 'SCWX-TDR-ListenPolicy',
  clientId: '0a1b2c3d-0000-4000-8000-00000000c11d',
  clientSecretKeyId: KEY_ID,
};
export const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();

/** `count` points `step` ms apart from the start of the timespan asked for, `value(i)` for point i. */
function points(q: SeenRequest, count: number, step: number, value: (i: number) => number): Array<[string, number]> {
  const from = new Date(q.query.get('timespan')?.split('/')[0] ?? '').getTime();
  return Array.from({ length: count }, (_, i) => [new Date(from + i * step).toISOString(), value(i)]);
}

/** Metrics_List: the hour per minute, or the day per hour, by the `interval` asked for, over the timespan asked for. */
export function flowing(incoming: (i: number) => number, outgoing: (i: number) => number, throttled = 0) {
  return (q: SeenRequest): Reply => {
    if (q.query.get('interval') === 'PT1H') {
      const hours = (value: (i: number) => number) => points(q, 24, 3_600_000, value);
      return { body: r.metrics('PT1H', { IncomingMessages: hours((i) => 1000 * (i % 6)), OutgoingMessages: hours((i) => 900 * (i % 6)) }) };
    }
    const minutes = (value: (i: number) => number) => points(q, 60, 60_000, value);
    return {
      body: r.metrics('PT1M', {
        IncomingMessages: minutes(incoming),
        OutgoingMessages: minutes(outgoing),
        ThrottledRequests: minutes(() => throttled),
      }),
    };
  };
}

export function healthRoutes(): Route[] {
  return [
    [
      'GET',
      /\/providers\/Microsoft\.Insights\/metrics$/i,
      flowing(
        (i) => (i === 30 ? 30_000 : 1000),
        () => 1000,
      ),
    ],
    ['GET', new RegExp(`/namespaces/${r.NS}$`, 'i'), { body: r.namespace() }],
    ['GET', /\/eventhubs\/SCWX-TDR-EventHub$/i, { body: r.eventHub() }],
    ['GET', /\/consumergroups\/SCWX-TDR-ConsumerGroup$/i, { body: r.consumerGroup() }],
    ['GET', /\/authorizationRules\/SCWX-TDR-ListenPolicy$/i, { body: r.authorizationRule() }],
    ['GET', /\/networkRuleSets\/default$/i, { body: r.networkRuleSet('Allow') }],
    [
      'GET',
      /^\/v1\.0\/applications$/,
      { body: r.graphList([r.application([r.secret(KEY_ID, days(200)), r.secret('0c0c0c0c-0000-4000-8000-000000000002', days(20))])]) },
    ],
    ['GET', /^\/v1\.0\/servicePrincipals$/, { body: r.graphList([{ id: 'sp-1' }]) }],
    [
      'GET',
      /^\/v1\.0\/servicePrincipals\/sp-1\/appRoleAssignments$/,
      {
        body: r.graphList(
          ['71fe6b80-7034-4028-9ed8-0f316df9c3ff', 'ea8291d3-4b9a-44b5-bc3a-6cea3026dc79'].map((appRoleId) => ({
            id: `assignment-${appRoleId}`,
            appRoleId,
            principalId: 'sp-1',
            principalDisplayName: 'SCWX-TDR-MDATP-APP',
            principalType: 'ServicePrincipal',
            resourceDisplayName: 'WindowsDefenderATP',
            resourceId: 'defender-sp',
          })),
        ),
      },
    ],
  ];
}
