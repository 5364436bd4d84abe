/**
 * Auto-inflate and deploys. azurerm 4.55.0 internal/services/eventhub/eventhub_namespace_resource.go:
 * Read stores the live `sku.Capacity` in `capacity`, and Update sends the configured `capacity` back
 * (with every other change too), so without `ignore_changes` each plan after Azure inflated the
 * namespace would scale it down. `capacity` is not ForceNew (Optional, Default 1, updated in place),
 * so ignoring it or applying it never replaces the namespace.
 */
import { Testing } from 'cdktf';
import { EventHubNamespace, EventHubNamespaceProps, NamespaceCapacity } from '../../lib/eventhub/eventhub-namespace';
import { readDeploymentSettings } from '../../lib/guide/config/settings';
import { DEDICATED, PREMIUM, REPLACEMENT, onlyResource, synthDefender } from '../helpers';

const BASE = { name: 'SCWX-TDR-Namespace-Contoso-eastus', resourceGroupName: 'SCWX-TDR-RG', location: 'eastus' };
const INFLATING: NamespaceCapacity = { tier: 'Standard', throughputUnits: 2, autoInflateMaximumThroughputUnits: 4 };

function lifecycle(capacity: NamespaceCapacity, props: Partial<EventHubNamespaceProps> = {}): unknown {
  const out = JSON.parse(Testing.synthScope((scope) => new EventHubNamespace(scope, 'ns', { ...BASE, capacity, ...props })));
  return onlyResource(out, 'azurerm_eventhub_namespace').lifecycle;
}

describe('capacity of an auto-inflating namespace', () => {
  test('with auto-inflate on, Terraform ignores capacity, beside the destroy guard', () => {
    expect(lifecycle(INFLATING)).toEqual({ prevent_destroy: true, ignore_changes: ['capacity'] });
  });

  test('with the guard lifted, capacity is still ignored', () => {
    expect(lifecycle(INFLATING, { preventDestroy: false })).toEqual({ ignore_changes: ['capacity'] });
  });

  test('applyThroughputUnits drops the ignore for a deliberate change of the allocation', () => {
    expect(lifecycle(INFLATING, { applyThroughputUnits: true })).toEqual({ prevent_destroy: true });
    expect(lifecycle(INFLATING, { applyThroughputUnits: true, preventDestroy: false })).toBeUndefined();
  });

  test.each<[string, NamespaceCapacity]>([
    ['Standard without auto-inflate', { tier: 'Standard', throughputUnits: 3 }],
    ['Premium (no auto-inflate)', { tier: 'Premium', processingUnits: 4 }],
    ['dedicated (capacity is the cluster)', { tier: 'Dedicated', clusterName: 'SCWX-TDR-Cluster-Contoso-eastus' }],
  ])('%s: capacity is managed as configured', (_name, capacity) => {
    expect(lifecycle(capacity)).toEqual({ prevent_destroy: true });
  });
});

describe('apply_capacity in the guide app', () => {
  const namespace = (env: Record<string, string>, variables = {}) =>
    onlyResource(synthDefender(variables, readDeploymentSettings(env).settings), 'azurerm_eventhub_namespace');

  test("by default the guide's auto-inflating namespace keeps the capacity Azure gave it, a replacement's too", () => {
    expect(namespace({}).lifecycle.ignore_changes).toEqual(['capacity']);
    expect(namespace({}, REPLACEMENT).lifecycle.ignore_changes).toEqual(['capacity']);
  });

  test('Premium and dedicated never ignore it', () => {
    expect(namespace({}, PREMIUM).lifecycle.ignore_changes).toBeUndefined();
    expect(namespace({}, DEDICATED).lifecycle.ignore_changes).toBeUndefined();
  });
});
