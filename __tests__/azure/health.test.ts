/**
 * The health checks and metrics with the real Azure SDK clients against a local server answering as
 * ARM, Azure Monitor and Microsoft Graph do: a working stream, a stopped one, throttling, a secret
 * ending in 10 days, metrics with no data, and checks that cannot be made.
 */
import { runHealth } from '../../lib/azure/checks/health';
import { peakIncomingPerMinute, sparkline } from '../../lib/azure/checks/metrics';
import { Route, armError, findCheck, statuses, useAzureServer } from './azure-server';
import * as r from './responses';
import { KEY_ID, NOW, STREAM, days, flowing, healthRoutes } from './routes';

const withRoutes = (...routes: Route[]): Route[] => [...routes, ...healthRoutes()];

const azure = useAzureServer(healthRoutes);

describe('runHealth', () => {
  test('a working stream: every check passes, with the series behind the picture', async () => {
    const results = await runHealth(azure.clients, STREAM, { now: NOW, resizeCommand: 'npm run size -- --from-metrics' });
    expect(statuses(results)).toEqual({
      'resources as the state says': 'passed',
      'Defender is writing': 'passed',
      'XDR is reading': 'passed',
      'capacity and throttling': 'passed',
      'admin consent granted': 'passed',
      'client secret XDR holds': 'passed',
      'network rules in place': 'passed',
    });
    expect(findCheck(results, 'Defender is writing').detail).toBe('89,000 IncomingMessages in the last hour');
    expect(findCheck(results, 'Defender is writing').data?.lastHourPer5Minutes).toEqual([
      5000, 5000, 5000, 5000, 5000, 5000, 34000, 5000, 5000, 5000, 5000, 5000,
    ]);
    expect(findCheck(results, 'Defender is writing').data?.last24HoursPerHour).toHaveLength(24);
    expect(findCheck(results, 'capacity and throttling').detail).toBe(
      '0 throttled requests in the last hour, peak 30,000 events per minute; the peak minute needs 3 TU by the sizing model, 2 TU allocated (auto-inflate to 4)',
    );
    expect(findCheck(results, 'client secret XDR holds').detail).toBe(
      `${KEY_ID} ends ${days(200).slice(0, 10)}, in 200 days; 1 other secret listed`,
    );
    // Monitor was asked for the hub's own series, totals per minute over the hour before now
    const hour = azure.server.requests.find((q) => q.query.get('interval') === 'PT1M');
    expect(hour?.query.get('timespan')).toBe('2026-12-06T22:00:00.000Z/2026-12-06T23:00:00.000Z');
    expect(hour?.query.get('$filter')).toBe("EntityName eq 'SCWX-TDR-EventHub'");
    expect(hour?.query.get('aggregation')).toBe('Total');
  });

  test('a stopped, throttled, expiring stream: each fails with what to do', async () => {
    azure.server.routes = withRoutes(
      [
        'GET',
        /\/providers\/Microsoft\.Insights\/metrics$/i,
        flowing(
          () => 0,
          () => 0,
          12,
        ),
      ],
      ['GET', /^\/v1\.0\/applications$/, { body: r.graphList([r.application([r.secret(KEY_ID, days(10.5))])]) }],
      ['GET', /^\/v1\.0\/servicePrincipals\/sp-1\/appRoleAssignments$/, { body: r.graphList([]) }],
      ['GET', /\/networkRuleSets\/default$/i, { body: r.networkRuleSet('Deny', ['198.51.100.7']) }],
    );
    const results = await runHealth(
      azure.clients,
      { ...STREAM, allowedIpRanges: ['203.0.113.0/24'] },
      { now: NOW, resizeCommand: 'npm run size -- --from-metrics' },
    );
    expect(statuses(results)).toMatchObject({
      'resources as the state says': 'passed',
      'Defender is writing': 'failed',
      'XDR is reading': 'failed',
      'capacity and throttling': 'failed',
      'admin consent granted': 'failed',
      'client secret XDR holds': 'failed',
      'network rules in place': 'failed',
    });
    expect(findCheck(results, 'capacity and throttling').fix).toBe('raise the capacity: npm run size -- --from-metrics');
    expect(findCheck(results, 'client secret XDR holds').detail).toBe(`${KEY_ID} ends ${days(10.5).slice(0, 10)}, in 10 days`);
    // a deploy alone replaces no secret (help/rotation.md): the advice starts with npm run rotate, whose counter is the
    // project's, so the deploy is the one it prints (every stack that holds a secret)
    expect(findCheck(results, 'client secret XDR holds').fix).toBe(
      'npm run rotate, then the deploy it prints, then npm run values and enter the new client_secret in XDR (help/rotation.md)',
    );
    // npm run values, not cdktf output: that needs a stack name once a second stack is synthesized (repopulate-application, tenants)
    expect(findCheck(results, 'admin consent granted').fix).toBe(
      'open azure_consent_url (npm run values prints it) as an administrator and accept',
    );
    expect(findCheck(results, 'network rules in place').detail).toBe(
      'missing 203.0.113.0/24; extra 198.51.100.7/32; allowed_ip_ranges says 203.0.113.0/24',
    );
  });

  test('metrics with no data: no events is a failure, not an error', async () => {
    azure.server.routes = withRoutes([
      'GET',
      /\/providers\/Microsoft\.Insights\/metrics$/i,
      { body: r.metrics('PT1M', { IncomingMessages: [], OutgoingMessages: [], ThrottledRequests: [] }) },
    ]);
    const results = await runHealth(azure.clients, STREAM, { now: NOW });
    expect(findCheck(results, 'Defender is writing')).toMatchObject({ status: 'failed', detail: 'no IncomingMessages in the last hour' });
    expect(findCheck(results, 'Defender is writing').data?.lastHourPer5Minutes).toEqual(new Array(12).fill(null));
  });

  test('a peak beyond the auto-inflate ceiling fails with the sizing model advice', async () => {
    azure.server.routes = withRoutes([
      'GET',
      /\/providers\/Microsoft\.Insights\/metrics$/i,
      flowing(
        () => 100_000,
        () => 100_000,
      ),
    ]);
    const results = await runHealth(azure.clients, STREAM, { now: NOW, resizeCommand: 'npm run size -- --from-metrics' });
    expect(findCheck(results, 'capacity and throttling')).toMatchObject({
      status: 'failed',
      fix: 'raise to 6 throughput units: npm run size -- --from-metrics',
    });
  });

  test('missing resources, a secret Entra ID no longer lists, and metrics that cannot be read', async () => {
    azure.server.routes = withRoutes(
      [
        'GET',
        /\/consumergroups\/SCWX-TDR-ConsumerGroup$/i,
        armError(404, 'MessagingEntityNotFound', 'The messaging entity could not be found.'),
      ],
      ['GET', /\/authorizationRules\/SCWX-TDR-ListenPolicy$/i, { body: r.authorizationRule(['Send']) }],
      [
        'GET',
        /\/providers\/Microsoft\.Insights\/metrics$/i,
        armError(
          403,
          'AuthorizationFailed',
          "The client 'x' does not have authorization to perform action 'Microsoft.Insights/metrics/read' over scope 'y'.",
        ),
      ],
      [
        'GET',
        /^\/v1\.0\/applications$/,
        { body: r.graphList([r.application([r.secret('0c0c0c0c-0000-4000-8000-000000000002', days(300))])]) },
      ],
    );
    // the caller names its stack's commands (npm run health: that stack, its output folder)
    const commands = { deployCommand: 'npx cdktf deploy acme-defender-integration', valuesCommand: 'npm run values -- --output out' };
    const results = await runHealth(azure.clients, STREAM, { now: NOW, ...commands });
    expect(findCheck(results, 'resources as the state says')).toMatchObject({
      status: 'failed',
      detail: 'missing: consumer group SCWX-TDR-ConsumerGroup, Listen right on SCWX-TDR-ListenPolicy',
      fix: 'npx cdktf deploy acme-defender-integration puts back what the state holds; XDR then needs the shared access policy key again (npm run values -- --output out)',
    });
    for (const check of ['Defender is writing', 'XDR is reading', 'capacity and throttling']) {
      expect(findCheck(results, check)).toMatchObject({
        status: 'unknown',
        detail: 'could not be checked: the signed-in identity lacks Microsoft.Insights/metrics/read (AuthorizationFailed)',
      });
    }
    expect(findCheck(results, 'client secret XDR holds')).toMatchObject({ status: 'failed' });
    expect(findCheck(results, 'client secret XDR holds').detail).toContain(`client_secret_key_id ${KEY_ID} is not among the 1 secrets`);
    // the azuread provider drops a password Entra ID no longer lists from the state (applicationPasswordResourceRead,
    // internal/services/applications/application_password_resource.go), so the deploy issues a new one
    expect(findCheck(results, 'client secret XDR holds').fix).toBe(
      'npx cdktf deploy acme-defender-integration makes the secret again; enter the new client_secret in XDR (npm run values -- --output out)',
    );
  });

  test('Entra ID cannot be read: the held secret is judged by the end date the state records', async () => {
    azure.server.routes = withRoutes([
      'GET',
      /^\/v1\.0\/applications$/,
      r.graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
    ]);
    const results = await runHealth(azure.clients, { ...STREAM, clientSecretExpiresAt: days(10.5) }, { now: NOW });
    expect(findCheck(results, 'application').status).toBe('unknown');
    expect(findCheck(results, 'client secret XDR holds')).toMatchObject({
      status: 'failed',
      detail: `${KEY_ID} ends ${days(10.5).slice(0, 10)}, in 10 days, by the state (Entra ID could not be read)`,
    });
  });

  test('a namespace that is gone: one failure, the rest still reported', async () => {
    azure.server.routes = withRoutes(['GET', new RegExp(`/namespaces/${r.NS}$`, 'i'), armError(404, 'ResourceNotFound', 'not found')]);
    const results = await runHealth(azure.clients, STREAM, { now: NOW });
    expect(findCheck(results, 'resources as the state says')).toMatchObject({
      status: 'failed',
      detail: `namespace ${r.NS} is not in resource group ${r.RG}`,
      // a namespace made again has new keys: XDR needs the policy key again
      fix: 'npx cdktf deploy recreates what the state holds, with a new shared access policy key for XDR (npm run values); if it was moved, see help/state.md',
    });
    expect(results.length).toBe(7);
  });
});

describe('metrics', () => {
  test('peakIncomingPerMinute: the busiest minute of 7 daily one-minute queries; null without data', async () => {
    azure.server.routes = [
      [
        'GET',
        /\/providers\/Microsoft\.Insights\/metrics$/i,
        (q) => {
          // one point at noon of the day each window ends on; the busiest on December 3rd
          const end = new Date(q.query.get('timespan')?.split('/')[1] ?? '');
          const noon = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate(), 12));
          const busiest = end.getUTCMonth() === 11 && end.getUTCDate() === 3;
          return { body: r.metrics('PT1M', { IncomingMessages: [[noon.toISOString(), busiest ? 9000 : 1000]] }) };
        },
      ],
    ];
    expect(await peakIncomingPerMinute(azure.clients, r.NAMESPACE_ID, r.HUB, NOW)).toBe(9000);
    const asked = azure.server.requests.map((q) => q.query.get('timespan'));
    expect(asked).toHaveLength(7);
    expect(asked).toContain('2026-11-29T23:00:00.000Z/2026-11-30T23:00:00.000Z');
    azure.server.routes = [['GET', /metrics$/i, { body: r.metrics('PT1M', { IncomingMessages: [] }) }]];
    expect(await peakIncomingPerMinute(azure.clients, r.NAMESPACE_ID, r.HUB, NOW)).toBeNull();
  });

  test("batched records: the bytes, at the guide's 3 KB per event, count when they say more than the messages", async () => {
    const minute = '2026-12-06T12:00:00Z';
    azure.server.routes = [
      ['GET', /metrics$/i, { body: r.metrics('PT1M', { IncomingMessages: [[minute, 1000]], IncomingBytes: [[minute, 20_000 * 3072]] }) }],
    ];
    expect(await peakIncomingPerMinute(azure.clients, r.NAMESPACE_ID, r.HUB, NOW, 1)).toBe(20_000);
    expect(azure.server.requests[0].query.get('metricnames')).toBe('IncomingMessages,IncomingBytes');
  });

  test('sparkline: eight heights scaled to the peak, a gap for no data, flat zero at the bottom', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, null, 5])).toBe('█ ▅');
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});
