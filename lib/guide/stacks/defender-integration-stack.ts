import { App, DataResource } from 'cdktf';
import { Construct } from 'constructs';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { DataAzurermResourceGroup } from '@cdktf/provider-azurerm/lib/data-azurerm-resource-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { DEFAULT_SETTINGS, DeploymentSettings } from '../config/settings';
import { GuideVariables, effectiveTier } from '../config/variables';
import { XdrApplication } from '../../entra/xdr-application';
import { applicationProps } from './application-props';
import { DefenderConsumer } from '../../eventhub/defender-consumer';
import { EventHubNamespace, NamespaceCapacity } from '../../eventhub/eventhub-namespace';
import { adoptGuideDeployment } from '../adoption/adoption';
import { checkAdoptionTarget } from '../adoption/preflight';
import { failures } from '../../rules/checks';
import { assertNoProblems } from '../../rules/errors';
import { ScalingAlerts } from '../../monitoring/scaling-alerts';
import { clusterName, namespaceName } from '../../rules/naming';
import { applicationOutputs, eventHubOutputs } from './outputs';
import { useStateBackend } from './remote-state';
import { grantStreamingApiAccess } from './streaming-api-access';
import { VersionedStack } from './terraform-version';
import { planCapacity } from '../sizing/capacity-plan';
import { CAPACITY_REQUEST_ID, deployedStateOf } from '../sizing/deployed';
import { localStateFolder, stateFileName } from '../local-state';

/**
 * The only resource providers the stack registers (azurerm 4.x would otherwise try about 60 on the
 * first plan): Event Hubs, and Azure Monitor, which the scaling alerts and Defender's Streaming API
 * (a diagnostic setting writing into the hub) use. Spelled as azurerm's own lists spell them
 * (internal/resourceproviders/required.go): the names are compared case-sensitively.
 */
export const RESOURCE_PROVIDERS = ['Microsoft.EventHub', 'microsoft.insights'] as const;

/** Props of a `DefenderIntegrationStack`: the guide's variables and the deployment settings. */
export interface DefenderIntegrationStackProps {
  /** Validated variables of the guide's terraform.tfvars. */
  readonly variables: GuideVariables;
  /** Settings beyond the guide's variables. @default DEFAULT_SETTINGS */
  readonly settings?: DeploymentSettings;
}

/** The namespace capacity the guide's variables select. */
export function capacityFromVariables(v: GuideVariables): NamespaceCapacity {
  switch (effectiveTier(v)) {
    case 'Dedicated':
      return { tier: 'Dedicated', clusterName: clusterName(v.client_name, v.azure_region) };
    case 'Premium':
      return { tier: 'Premium', processingUnits: v.eventhub_processing_units };
    default:
      return {
        tier: 'Standard',
        throughputUnits: v.eventhub_throughput_allocated,
        autoInflateMaximumThroughputUnits: v.eventhub_throughput_inflate_cap,
      };
  }
}

/**
 * The guide's main template set (help/guide-facts.md#the-resources-and-their-names): resource group, namespace (and cluster), event hub,
 * consumer group, listen policy and the XDR application. With `replacement_eventhub = true`
 * (help/guide-facts.md#the-replacement-deployment) the resource group already exists and the application is left alone.
 */
export class DefenderIntegrationStack extends VersionedStack {
  /** The Event Hubs namespace (on its dedicated cluster when require_dedicated_cluster is set). */
  readonly namespace: EventHubNamespace;
  /** The event hub Defender writes to, with the consumer group and listen policy XDR reads through. */
  readonly consumer: DefenderConsumer;
  /** Absent on a replacement deployment. */
  readonly application?: XdrApplication;

  constructor(scope: Construct, id: string, props: DefenderIntegrationStackProps) {
    super(scope, id);
    const v = props.variables;
    const settings = props.settings ?? DEFAULT_SETTINGS;
    if (settings.adoptExisting) assertNoProblems(failures(checkAdoptionTarget(v, settings.adoptReplacement)), id);
    useStateBackend(this, stateFileName(id, v), settings.remoteState);
    new AzurermProvider(this, 'azurerm', {
      features: [{}],
      subscriptionId: v.azure_subscription_id,
      resourceProviderRegistrations: 'none',
      resourceProvidersToRegister: [...RESOURCE_PROVIDERS],
    });

    // `location` is ignored once the group exists: a group made elsewhere than azure_region (adopted, or
    // made by hand) would otherwise be replaced, with everything in it. Its region is only where Azure
    // keeps the group's metadata; the resources in it take azure_region.
    const resourceGroupName = v.replacement_eventhub
      ? new DataAzurermResourceGroup(this, 'resource-group', { name: v.resource_group_name }).name
      : new ResourceGroup(this, 'resource-group', {
          name: v.resource_group_name,
          location: v.azure_region,
          tags: settings.tags,
          lifecycle: { ignoreChanges: ['location'] },
        }).name;

    const capacity = capacityFromVariables(v);
    const stateFolder = localStateFolder(App.of(this).outdir);
    const plan = planCapacity(v, settings.applyCapacity, deployedStateOf(id, v, stateFolder, settings.remoteState !== undefined));
    this.namespace = new EventHubNamespace(this, 'event-hub-namespace', {
      name: namespaceName(v.client_name, v.azure_region),
      resourceGroupName,
      location: v.azure_region,
      capacity,
      allowedIpRanges: namespaceIpRanges(settings),
      preventDestroy: !settings.allowDestroy,
      tags: settings.tags,
      applyThroughputUnits: plan.applyCapacity,
    });
    if (plan.request !== undefined) {
      // written to the state only after the namespace's update succeeded; the next synth reads it there
      new DataResource(this, CAPACITY_REQUEST_ID, { input: plan.request, dependsOn: [this.namespace.namespace] });
    }
    this.consumer = new DefenderConsumer(this, 'defender-consumer', {
      namespace: this.namespace,
      partitionCount: v.eventhub_partition_count,
      retentionDays: v.data_retention_length,
      preventDestroy: !settings.allowDestroy,
    });
    eventHubOutputs(this, this.namespace, this.consumer);
    if (settings.streamingApiPrincipalId !== undefined) grantStreamingApiAccess(this, this.namespace, settings.streamingApiPrincipalId);
    if (settings.alertEmail !== undefined) {
      new ScalingAlerts(this, 'scaling-alerts', {
        namespace: this.namespace,
        emailAddress: settings.alertEmail,
        tags: settings.tags,
      });
    }

    if (!v.replacement_eventhub) {
      new AzureadProvider(this, 'azuread', { tenantId: v.azure_tenant_id });
      this.application = new XdrApplication(this, 'xdr-application', applicationProps(v.azure_tenant_id, settings, id));
      applicationOutputs(this, this.application);
    }
    if (settings.adoptExisting) adoptGuideDeployment(this, v, settings.adoptApplicationObjectId);
  }
}

/** The namespace's allow-list: the operator's ranges and XDR's egress ranges, or none (every address). */
export function namespaceIpRanges(settings: DeploymentSettings): readonly string[] | undefined {
  if (settings.allowedIpRanges === undefined) return undefined;
  return [...settings.allowedIpRanges, ...(settings.xdrEgressRanges ?? [])];
}
