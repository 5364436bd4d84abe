import { DEFAULT_SETTINGS } from '../../lib/guide/config/settings';
import { stackSummaries } from '../../lib/guide/summary';
import { DEDICATED, PREMIUM, REPLACEMENT, guideVariables } from '../helpers';

const tenant = (overrides = {}, name?: string) => ({ name, file: 'x.tfvars', variables: guideVariables(overrides), warnings: [] });

describe('the summary line: one per stack, saying what a deploy creates', () => {
  test('the defaults say what is off', () => {
    expect(stackSummaries([tenant()], DEFAULT_SETTINGS)).toEqual([
      'defender-integration will deploy a Standard namespace of 2 throughput units, auto-inflate to 4 (SCWX-TDR-Namespace-CustomerName-eastus, 4 partitions): this deploy creates it with 2 throughput units; with the XDR application; alerts off (no alert_email in xdr.tfvars); network open to every address (no allowed_ip_ranges); state in a local file; destroy guards on; 0 tags',
      'repopulate-application will deploy the XDR application only (for its recovery procedure); state in a local file; destroy guards on; 0 tags',
    ]);
  });

  test.each([
    [PREMIUM, 'a Premium namespace of 4 processing units'],
    [DEDICATED, 'a Standard namespace on a dedicated cluster (Dedicated_1)'],
    [{ eventhub_throughput_inflate_cap: 2 }, 'a Standard namespace of 2 throughput units, auto-inflate off'],
    [REPLACEMENT, 'replacement: existing resource group, no application'],
  ])('%j: %s', (overrides, phrase) => {
    expect(stackSummaries([tenant(overrides)], DEFAULT_SETTINGS)[0]).toContain(phrase);
  });

  test('every setting that changes what is deployed shows, per tenant stack', () => {
    const lines = stackSummaries([tenant({}, 'acme')], {
      ...DEFAULT_SETTINGS,
      allowDestroy: true,
      adoptExisting: true,
      alertEmail: 'soc@example.com',
      allowedIpRanges: ['203.0.113.0/24', '198.51.100.7'],
      xdrEgressRanges: ['192.0.2.64/26'],
      remoteState: { resourceGroupName: 'rg', storageAccountName: 'xdrtfstate01', containerName: 'tfstate', keyPrefix: 'customers/acme/' },
      tags: { owner: 'soc' },
    });
    expect(lines[0]).toMatch(
      /^acme-defender-integration will deploy .*; alerts on to soc@example.com; network limited to 2 IP ranges; XDR's addresses: 192.0.2.64\/26 \(xdr_egress_ranges\); adopting the existing deployment \(import blocks\); state in azurerm xdrtfstate01\/tfstate\/customers\/acme\/; destroy guards OFF \(XDR_ALLOW_DESTROY\); 1 tag$/,
    );
    expect(lines[1]).toMatch(/^acme-repopulate-application will deploy .*destroy guards OFF \(XDR_ALLOW_DESTROY\); 1 tag$/);
  });

  test.each<[string, Partial<typeof DEFAULT_SETTINGS>, string]>([
    ['no allow-list', {}, 'network open to every address (no allowed_ip_ranges)'],
    [
      "an allow-list with XDR's ranges",
      { allowedIpRanges: ['203.0.113.0/24'], xdrEgressRanges: ['192.0.2.64/26', '198.51.100.9'] },
      "network limited to 1 IP range; XDR's addresses: 192.0.2.64/26, 198.51.100.9 (xdr_egress_ranges)",
    ],
    [
      'an allow-list XDR reaches another way',
      { allowedIpRanges: ['203.0.113.0/24'], xdrEgressAcknowledged: true },
      "XDR's addresses: none added (xdr_egress_acknowledged: XDR reaches it through an address or route already allowed)",
    ],
  ])('network: %s', (_name, settings, phrase) => {
    expect(stackSummaries([tenant()], { ...DEFAULT_SETTINGS, ...settings })[0]).toContain(phrase);
  });
});
