/**
 * "My hub is too small" and "too big", as a timeline of deploys against a namespace that Azure
 * auto-inflates in between. Each deploy synthesizes the stack from the files (as every cdktf command
 * does), then plays Terraform with azurerm 4.55.0's semantics
 * (internal/services/eventhub/eventhub_namespace_resource.go): refresh stores the live `sku.capacity`
 * in state (Read), `capacity` not in `ignore_changes` and different from the configuration is sent by
 * Update in place; `terraform_data` is written after the namespace (depends_on). The summary line of
 * each synth must say what the deploy then does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { DEFAULT_SETTINGS, DeploymentSettings } from '../../../lib/guide/config/settings';
import { GuideVariables } from '../../../lib/guide/config/variables';
import { replacementReason } from '../../../lib/guide/sizing/capacity-plan';
import { readDeployedState } from '../../../lib/guide/sizing/deployed';
import { DefenderIntegrationStack } from '../../../lib/guide/stacks/defender-integration-stack';
import { stackSummaries } from '../../../lib/guide/summary';
import { guideVariables, onlyResource } from '../../helpers';

const STATE = 'terraform.defender-integration.tfstate';

/** A project folder with its local state, and the namespace as Azure has it. */
class Timeline {
  readonly folder = mkdtempSync(path.join(os.tmpdir(), 'capacity-timeline-'));
  live?: number;
  private marker?: unknown;
  private partitions?: number;
  private sku?: string;

  /** Synthesizes from the files and deploys; returns the summary line the synth printed. */
  deploy(overrides: Partial<GuideVariables>, settings: Partial<DeploymentSettings> = {}): string {
    const variables = guideVariables(overrides);
    const deployment = { ...DEFAULT_SETTINGS, ...settings };
    const tenant = { file: 'terraform.tfvars', variables, warnings: [] };
    const [summary] = stackSummaries([tenant], deployment, this.folder);
    const app = new App({ outdir: path.join(this.folder, 'cdktf.out') });
    const stack = new DefenderIntegrationStack(app, 'defender-integration', { variables, settings: deployment });
    const synth = JSON.parse(Testing.synth(stack));
    const namespace = onlyResource(synth, 'azurerm_eventhub_namespace');
    const ignored: string[] = namespace.lifecycle?.ignore_changes ?? [];
    if (this.live === undefined || !ignored.includes('capacity')) this.live = namespace.capacity ?? 1;
    this.sku = namespace.sku;
    this.partitions = onlyResource(synth, 'azurerm_eventhub').partition_count;
    const marker = Object.values<any>(synth.resource.terraform_data ?? {})[0];
    this.marker = marker?.input;
    this.writeState();
    return summary;
  }

  /** Azure raises the units under load, up to the cap; it never lowers them. */
  inflate(to: number): void {
    this.live = to;
  }

  private writeState(): void {
    const resource = (type: string, name: string, attributes: object) => ({ mode: 'managed', type, name, instances: [{ attributes }] });
    const resources = [
      resource('azurerm_eventhub_namespace', 'event-hub-namespace_70A0873E', {
        sku: this.sku,
        capacity: this.live,
        dedicated_cluster_id: '',
      }),
      resource('azurerm_eventhub', 'defender-consumer_event-hub_E38118B6', { partition_count: this.partitions }),
      ...(this.marker === undefined
        ? []
        : [resource('terraform_data', 'capacity-request', { input: { value: this.marker, type: 'object' } })]),
    ];
    writeFileSync(path.join(this.folder, STATE), JSON.stringify({ version: 4, resources }));
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

const timelines: Timeline[] = [];
/** A new project folder, removed after the test. */
function timeline(): Timeline {
  const t = new Timeline();
  timelines.push(t);
  return t;
}
afterEach(() => timelines.splice(0).forEach((t) => t.remove()));

const capacityPart = (summary: string) => /: ([^;]*(?:; [^;]*auto-inflate[^;]*)?);/.exec(summary)?.[1];

describe('too small, too big: every deploy does what its summary says', () => {
  test('Standard with auto-inflate: a request is applied by exactly one deploy', () => {
    const t = timeline();
    expect(capacityPart(t.deploy({}))).toBe('this deploy creates it with 2 throughput units');
    expect(t.live).toBe(2);

    t.inflate(4); // load: auto-inflate takes it to its cap
    expect(t.deploy({})).toContain('capacity is managed by auto-inflate; this deploy leaves it (2 at the last deploy)');
    expect(t.live).toBe(4); // 0.1.0 scaled it back to 2 here

    // too small: npm run size -- --throughput-units 7 --write (terraform.tfvars and apply_capacity)
    const bigger = { eventhub_throughput_allocated: 7, eventhub_throughput_inflate_cap: 14, eventhub_partition_count: 4 };
    const first = { applyCapacity: '2026-12-07T08:00:00Z' };
    expect(t.deploy(bigger, first)).toContain(
      'this deploy sets 7 throughput units (apply_capacity); later deploys leave it to auto-inflate',
    );
    expect(t.live).toBe(7);

    t.inflate(11);
    expect(t.deploy(bigger, first)).toContain(
      'capacity is managed by auto-inflate; this deploy leaves it (apply_capacity was applied by an earlier deploy)',
    );
    expect(t.live).toBe(11); // the request is not applied twice

    // too big: a new request
    const smaller = { eventhub_throughput_allocated: 3, eventhub_throughput_inflate_cap: 6 };
    const second = { applyCapacity: '2026-12-08T08:00:00Z' };
    expect(t.deploy(smaller, second)).toContain('this deploy sets 3 throughput units (apply_capacity)');
    expect(t.live).toBe(3);
    expect(t.deploy(smaller, second)).toContain('this deploy leaves it (apply_capacity was applied by an earlier deploy)');

    // the line left in xdr.tfvars and the units edited by hand: the new value is a new request
    expect(t.deploy({ ...smaller, eventhub_throughput_allocated: 4 }, second)).toContain('this deploy sets 4 throughput units');
    expect(t.live).toBe(4);
  });

  test('auto-inflate off and Premium: every deploy sets the configured value, and says whether it changes', () => {
    const t = timeline();
    t.deploy({});
    t.inflate(4);
    const fixed = { eventhub_throughput_allocated: 5, eventhub_throughput_inflate_cap: 5 };
    expect(t.deploy(fixed)).toContain(
      'auto-inflate off (SCWX-TDR-Namespace-CustomerName-eastus, 4 partitions): this deploy sets 5 throughput units (2 at the last deploy)',
    );
    expect(t.live).toBe(5);
    expect(t.deploy(fixed)).toContain('this deploy keeps 5 throughput units');
    const premium = timeline();
    const pus = { eventhub_tier: 'Premium' as const, eventhub_processing_units: 4, eventhub_partition_count: 100 };
    expect(premium.deploy(pus)).toContain('a Premium namespace of 4 processing units (');
    expect(premium.deploy({ ...pus, eventhub_processing_units: 8 })).toContain(
      'this deploy sets 8 processing units (4 at the last deploy)',
    );
    expect(premium.live).toBe(8);
  });

  test('with state in azurerm the synth cannot see the request applied, and says so', () => {
    const remoteState = { resourceGroupName: 'rg', storageAccountName: 'xdrtfstate01', containerName: 'tfstate', keyPrefix: 'xdr' };
    const t = timeline();
    expect(t.deploy({}, { remoteState })).toContain('capacity is managed by auto-inflate; this deploy leaves it;');
    expect(
      t.deploy({ eventhub_throughput_allocated: 6, eventhub_throughput_inflate_cap: 12 }, { remoteState, applyCapacity: 'x' }),
    ).toContain(
      'this deploy sets 6 throughput units (apply_capacity); with state in azurerm the app cannot see that a deploy applied it, so remove apply_capacity from xdr.tfvars after this deploy',
    );
  });

  test('a tier or partition change the deployed namespace cannot take names the reason', () => {
    const t = timeline();
    t.deploy({});
    const deployed = readDeployedState(path.join(t.folder, STATE));
    const where = `(${path.join(t.folder, STATE)})`;
    expect(replacementReason(guideVariables({ eventhub_partition_count: 7 }), deployed)).toBe(
      `eventhub_partition_count = 7: the deployed hub has 4 partitions ${where}, and Azure changes the partition count only on a Premium namespace`,
    );
    expect(replacementReason(guideVariables({ eventhub_partition_count: 2 }), deployed)).toContain('cannot be decreased');
    expect(replacementReason(guideVariables({ eventhub_tier: 'Premium', eventhub_partition_count: 4 }), deployed)).toContain(
      'is Standard, and Azure cannot move a namespace to or from Premium',
    );
    expect(replacementReason(guideVariables({ require_dedicated_cluster: true }), deployed)).toContain('onto or off a dedicated cluster');
    expect(
      replacementReason(guideVariables({ eventhub_throughput_allocated: 9, eventhub_throughput_inflate_cap: 18 }), deployed),
    ).toBeUndefined();
  });
});
