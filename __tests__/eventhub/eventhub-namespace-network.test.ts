/**
 * The namespace's optional IP allow-list: a deny-by-default network rule set that keeps public access
 * and trusted Microsoft services, fed from XDR_ALLOWED_IP_RANGES; none at all by default.
 */
import { Testing } from 'cdktf';
import { readDeploymentSettings } from '../../lib/guide/config/settings';
import { EventHubNamespace, EventHubNamespaceProps, validateNamespaceProps } from '../../lib/eventhub/eventhub-namespace';
import { InvalidSettingsError } from '../../lib/rules/errors';
import { MAX_IP_RULES, checkAllowedIpRanges } from '../../lib/rules/network';
import { DEDICATED, PREMIUM, REPLACEMENT, onlyResource, synthDefender } from '../helpers';

const PROPS: EventHubNamespaceProps = {
  name: 'SCWX-TDR-Namespace-Contoso-eastus',
  resourceGroupName: 'SCWX-TDR-RG',
  location: 'eastus',
  capacity: { tier: 'Standard', throughputUnits: 2, autoInflateMaximumThroughputUnits: 4 },
};

function namespaceJson(props: EventHubNamespaceProps): any {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new EventHubNamespace(scope, 'ns', props);
    }),
  );
  return onlyResource(json, 'azurerm_eventhub_namespace');
}

describe('allowedIpRanges', () => {
  test('absent: no network rule set, so every address may connect, as the guide deploys it', () => {
    const namespace = namespaceJson(PROPS);
    expect(namespace).not.toHaveProperty('network_rulesets');
    expect(namespace).not.toHaveProperty('public_network_access_enabled');
  });

  test('present: deny by default, allow each range, public access and trusted services kept', () => {
    const namespace = namespaceJson({ ...PROPS, allowedIpRanges: ['203.0.113.0/24', '198.51.100.7'] });
    expect(namespace.network_rulesets).toEqual([
      {
        default_action: 'Deny',
        public_network_access_enabled: true,
        trusted_service_access_enabled: true,
        ip_rule: [
          { ip_mask: '203.0.113.0/24', action: 'Allow' },
          { ip_mask: '198.51.100.7', action: 'Allow' },
        ],
        virtual_network_rule: [],
      },
    ]);
  });

  test.each([
    ['Premium', { tier: 'Premium', processingUnits: 1 }],
    ['dedicated', { tier: 'Dedicated', clusterName: 'SCWX-TDR-Cluster-Contoso-eastus' }],
  ] as const)('applies on %s namespaces too', (_tier, capacity) => {
    const namespace = namespaceJson({ ...PROPS, capacity, allowedIpRanges: ['203.0.113.0/24'] });
    expect(namespace.network_rulesets[0].ip_rule).toEqual([{ ip_mask: '203.0.113.0/24', action: 'Allow' }]);
  });

  test('an invalid list is refused by the construct, naming the prop', () => {
    expect(() => namespaceJson({ ...PROPS, allowedIpRanges: ['10.0.0.1/33'] })).toThrow(InvalidSettingsError);
    expect(validateNamespaceProps({ ...PROPS, allowedIpRanges: ['10.0.0.1/33'] })).toEqual([
      'allowedIpRanges = "10.0.0.1/33": must be an IPv4 address or CIDR range, such as 203.0.113.7 or 203.0.113.0/24',
    ]);
  });
});

describe('checkAllowedIpRanges', () => {
  test.each(['0.0.0.0/8', '203.0.113.7', '203.0.113.7/32', '203.0.113.0/24', '10.0.0.0/8', '255.255.255.255', '128.0.0.0/1'])(
    'accepts %s',
    (range) => {
      expect(checkAllowedIpRanges('r', [range])).toEqual([]);
    },
  );

  test.each([
    ['256.0.0.1', 'must be an IPv4 address or CIDR range, such as 203.0.113.7 or 203.0.113.0/24'],
    ['10.0.0/8', 'must be an IPv4 address or CIDR range, such as 203.0.113.7 or 203.0.113.0/24'],
    ['010.0.0.1', 'must be an IPv4 address or CIDR range, such as 203.0.113.7 or 203.0.113.0/24'],
    ['10.0.0.1/33', 'must be an IPv4 address or CIDR range, such as 203.0.113.7 or 203.0.113.0/24'],
    ['10.0.0.1/', 'must be an IPv4 address or CIDR range, such as 203.0.113.7 or 203.0.113.0/24'],
    ['2001:db8::/32', 'must be an IPv4 address or CIDR range, such as 203.0.113.7 or 203.0.113.0/24'],
    [' 10.0.0.1', 'must be an IPv4 address or CIDR range, such as 203.0.113.7 or 203.0.113.0/24'],
    ['１0.0.0.1', 'must be an IPv4 address or CIDR range, such as 203.0.113.7 or 203.0.113.0/24'],
    ['0.0.0.0/0', 'allows every address, which is already the default without an allow-list; list your own ranges'],
    ['203.0.113.7/24', 'is not the first address of its range; write 203.0.113.0/24'],
    ['10.1.2.3/8', 'is not the first address of its range; write 10.0.0.0/8'],
    ['192.168.1.129/25', 'is not the first address of its range; write 192.168.1.128/25'],
  ])('refuses %s', (range, reason) => {
    expect(checkAllowedIpRanges('XDR_ALLOWED_IP_RANGES', [range])).toEqual([`XDR_ALLOWED_IP_RANGES = ${JSON.stringify(range)}: ${reason}`]);
  });

  test('every problem at once, and a range listed twice', () => {
    expect(checkAllowedIpRanges('r', ['1.2.3.4', 'x', '1.2.3.4', '5.6.7.8/31', '5.6.7.9/31'])).toEqual([
      'r = "x": must be an IPv4 address or CIDR range, such as 203.0.113.7 or 203.0.113.0/24',
      'r = "1.2.3.4": is listed twice',
      'r = "5.6.7.9/31": is not the first address of its range; write 5.6.7.8/31',
    ]);
  });

  test(`an empty list, or more than Azure's ${MAX_IP_RULES} rules, is refused`, () => {
    expect(checkAllowedIpRanges('r', [])).toEqual(['r = []: must list 1-128 ranges (0 given); leave it out to allow every address']);
    const many = Array.from({ length: MAX_IP_RULES + 1 }, (_, i) => `203.0.${Math.floor(i / 256)}.${i % 256}`);
    expect(checkAllowedIpRanges('r', many)).toEqual([expect.stringMatching(/must list 1-128 ranges \(129 given\)/)]);
    expect(checkAllowedIpRanges('r', many.slice(0, MAX_IP_RULES))).toEqual([]);
  });
});

describe('XDR_ALLOWED_IP_RANGES through the stack', () => {
  const settings = (ranges?: string, xdr: Record<string, string> = { XDR_EGRESS_ACKNOWLEDGED: 'true' }) => {
    const read = readDeploymentSettings(ranges === undefined ? {} : { XDR_ALLOWED_IP_RANGES: ranges, ...xdr });
    expect(read.errors).toEqual([]);
    return read.settings!;
  };

  test('unset: the namespace of every tier and of a replacement has no rule set', () => {
    for (const overrides of [{}, PREMIUM, DEDICATED, REPLACEMENT]) {
      expect(onlyResource(synthDefender(overrides, settings()), 'azurerm_eventhub_namespace')).not.toHaveProperty('network_rulesets');
    }
  });

  test('set: the listed ranges, trimmed, are the only ones allowed', () => {
    const namespace = onlyResource(synthDefender({}, settings(' 203.0.113.0/24, 198.51.100.7 ,')), 'azurerm_eventhub_namespace');
    expect(namespace.network_rulesets[0].default_action).toBe('Deny');
    expect(namespace.network_rulesets[0].ip_rule.map((rule: any) => rule.ip_mask)).toEqual(['203.0.113.0/24', '198.51.100.7']);
  });

  test("XDR's egress ranges follow the operator's in the IP rules", () => {
    const namespace = onlyResource(
      synthDefender({}, settings('203.0.113.0/24', { XDR_EGRESS_RANGES: '192.0.2.64/26, 198.51.100.9' })),
      'azurerm_eventhub_namespace',
    );
    expect(namespace.network_rulesets[0].ip_rule.map((rule: any) => rule.ip_mask)).toEqual([
      '203.0.113.0/24',
      '192.0.2.64/26',
      '198.51.100.9',
    ]);
  });

  test("an allow-list without XDR's addresses or the acknowledgement is one line saying where to get them", () => {
    expect(readDeploymentSettings({ XDR_ALLOWED_IP_RANGES: '203.0.113.0/24' }).errors).toEqual([
      expect.stringMatching(/^environment: XDR_ALLOWED_IP_RANGES: denies every address it does not list, .*ask Secureworks support/),
    ]);
    expect(readDeploymentSettings({ XDR_ALLOWED_IP_RANGES: '203.0.113.0/24', XDR_EGRESS_RANGES: ',' }).errors).toEqual([
      expect.stringMatching(/^environment: XDR_EGRESS_RANGES = \[\]: must list XDR's egress addresses: ask Secureworks support/),
    ]);
    expect(readDeploymentSettings({ XDR_ALLOWED_IP_RANGES: '203.0.113.0/24', XDR_EGRESS_RANGES: '203.0.113.0/24' }).errors).toEqual([
      'environment: XDR_EGRESS_RANGES = "203.0.113.0/24": is already in XDR_ALLOWED_IP_RANGES; list it once',
    ]);
    expect(readDeploymentSettings({ XDR_EGRESS_RANGES: '192.0.2.1' }).errors).toEqual([
      expect.stringMatching(/^environment: XDR_EGRESS_RANGES = \["192.0.2.1"\]: is read only together with allowed_ip_ranges/),
    ]);
  });

  test('the environment reader refuses what the construct would, naming the environment variable', () => {
    expect(readDeploymentSettings({ XDR_ALLOWED_IP_RANGES: '203.0.113.7/24' }).errors).toEqual([
      'environment: XDR_ALLOWED_IP_RANGES = "203.0.113.7/24": is not the first address of its range; write 203.0.113.0/24',
    ]);
  });
});
