import { checkAzureRegion } from '../../lib/rules/regions';
import {
  checkClientName,
  checkNameLength,
  checkClusterName,
  checkEventHubChildName,
  checkEventHubName,
  checkNamespaceName,
  checkResourceGroupName,
  clusterName,
  namespaceName,
} from '../../lib/rules/naming';

describe('resource names', () => {
  test('namespace and cluster names follow the guide', () => {
    expect(namespaceName('Contoso', 'westeurope')).toBe('SCWX-TDR-Namespace-Contoso-westeurope');
    expect(clusterName('Contoso', 'westeurope')).toBe('SCWX-TDR-Cluster-Contoso-westeurope');
  });

  test('a 30-character client_name + azure_region gives exactly a 50-character namespace name', () => {
    const name = namespaceName('A'.repeat(24), 'eastus');
    expect(name).toHaveLength(50);
    expect(checkNamespaceName('name', name)).toBeUndefined();
  });
});

describe('client_name and azure_region', () => {
  test.each([
    ['Contoso', 'eastus'],
    ['contoso-2', 'westeurope'],
    ['Contoso', 'japaneast'],
    ['Contoso', 'swedensouth'],
    ['A'.repeat(24), 'eastus'],
  ])('%s in %s is accepted', (client, region) => {
    expect([checkClientName(client), checkAzureRegion(region), checkNameLength(client, region)]).toEqual([undefined, undefined, undefined]);
  });

  test.each([
    ['Contoso Ltd', 'eastus', /^client_name = "Contoso Ltd": must be letters, digits and hyphens only/],
    ['', 'eastus', /^client_name = "": .*not empty/],
    ['Contoso_Ltd', 'eastus', /^client_name = "Contoso_Ltd"/],
    ['Contoso', 'East US', /^azure_region = "East US": must be an Azure region code/],
    ['Contoso', 'EastUS', /^azure_region = "EastUS"/],
    ['Contoso', 'sb', /^azure_region = "sb": is not an Azure region code, and would end the namespace name in a suffix Azure reserves$/],
    [
      'Contoso',
      'westeuope',
      /^azure_region = "westeuope": is not an Azure public-cloud region; did you mean "westeurope" \(West Europe\)\?$/,
    ],
    ['Contoso', 'westeurope2', /^azure_region = "westeurope2": is not an Azure public-cloud region; did you mean "westeurope"/],
    ['Contoso', 'europe', /^azure_region = "europe": is not an Azure public-cloud region/],
    [
      'Contoso',
      'zzzzzz',
      /^azure_region = "zzzzzz": is not an Azure public-cloud region \(az account list-locations -o table lists them\)$/,
    ],
    ['Contoso', 'West Europe', /^azure_region = "West Europe": must be an Azure region code .*; did you mean "westeurope"/],
    ['A'.repeat(25), 'eastus', /^client_name = "A{25}": .*at most 30 characters; .* is 31$/],
  ])('%j in %j is refused', (client, region, message) => {
    const problems = [checkClientName(client), checkAzureRegion(region), checkNameLength(client, region)].filter((p) => p !== undefined);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });
});

describe('Azure name rules (help/guide-facts.md#azures-limits)', () => {
  test.each([
    ['abcdef-sb', false],
    ['abcdef-MGMT', false],
    ['abcdef-sbx', true],
    ['abcdef', true],
    ['a-b-c1', true],
    ['abcde', false],
    ['1abcdef', false],
    ['abcdef-', false],
    ['a'.repeat(50), true],
    ['a'.repeat(51), false],
  ])('namespace name %j valid=%j', (name, valid) => {
    expect(checkNamespaceName('name', name) === undefined).toBe(valid);
  });

  test('cluster names share the namespace rule and say "cluster"', () => {
    expect(checkClusterName('capacity.clusterName', 'abc')).toMatch(
      /^capacity.clusterName = "abc": an Event Hubs cluster name must be 6-50/,
    );
  });

  test.each([
    ['a', true],
    ['SCWX-TDR-EventHub', true],
    ['a.b_c-d', true],
    ['-ab', false],
    ['ab.', false],
    ['a'.repeat(256), true],
    ['a'.repeat(257), false],
  ])('event hub name %j valid=%j', (name, valid) => {
    expect(checkEventHubName('eventHubName', name) === undefined).toBe(valid);
  });

  test.each([
    ['a', true],
    ['SCWX-TDR-ListenPolicy', true],
    ['a'.repeat(50), true],
    ['a'.repeat(51), false],
    ['_a', false],
  ])('consumer group / policy name %j valid=%j', (name, valid) => {
    expect(checkEventHubChildName('listenPolicyName', name) === undefined).toBe(valid);
  });

  test.each([
    ['SCWX-TDR-RG', true],
    ['rg.(prod)_1', true],
    ['a'.repeat(90), true],
    ['a'.repeat(91), false],
    ['rg.', false],
    ['', false],
    ['rg name', false],
  ])('resource group name %j valid=%j', (name, valid) => {
    expect(checkResourceGroupName('resource_group_name', name) === undefined).toBe(valid);
  });
});
