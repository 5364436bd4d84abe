/**
 * Adopting a deployment the guide's zip already created: Terraform `import` blocks (cdktf
 * `importFrom`) for every resource the providers can import, so the first `cdktf deploy` takes the
 * live resources into state instead of failing on "already exists" (help/adopting.md).
 */
import { Construct } from 'constructs';
import { DataAzureadApplication } from '@cdktf/provider-azuread/lib/data-azuread-application';
import { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { GuideVariables } from '../config/variables';
import { XdrApplication } from '../../entra/xdr-application';
import { DefenderConsumer } from '../../eventhub/defender-consumer';
import { EventHubNamespace } from '../../eventhub/eventhub-namespace';
import { APPLICATION_DISPLAY_NAME } from '../../rules/naming';
import { applicationResourceId, guideResourceIds, servicePrincipalResourceId } from './azure-ids';

/** What adoption leaves to be created anew, and why; help/adopting.md says what that means in XDR. */
export const NOT_IMPORTED: ReadonlyArray<{ readonly resourceType: string; readonly reason: string }> = [
  {
    resourceType: 'azuread_application_password',
    reason:
      'azuread cannot import a client secret (Entra ID never returns its value): the first deploy adds a new one, to be entered in XDR',
  },
  {
    resourceType: 'terraform_data',
    reason:
      "exists only in Terraform state: the secrets' issue records of the rotation counter (help/rotation.md), created with the secrets",
  },
];

/** The parts of a guide deployment adoption reads; a DefenderIntegrationStack is one. */
export interface AdoptableDeployment extends Construct {
  /** The Event Hubs namespace (and its cluster, on the dedicated tier) to import. */
  readonly namespace: EventHubNamespace;
  /** The event hub, consumer group and listen policy to import. */
  readonly consumer: DefenderConsumer;
  /** The XDR application to import; absent on a replacement deployment, which leaves it alone. */
  readonly application?: XdrApplication;
}

/**
 * Imports the resource group (unless it is only read, as on a replacement), the cluster, namespace,
 * event hub, consumer group and listen policy by the IDs the guide's names give, and the
 * application and service principal (see `adoptApplication`).
 */
export function adoptGuideDeployment(deployment: AdoptableDeployment, v: GuideVariables, applicationObjectId?: string): void {
  const ids = guideResourceIds(v);
  const resourceGroup = deployment.node.tryFindChild('resource-group');
  if (resourceGroup instanceof ResourceGroup && ids.resourceGroup !== undefined) resourceGroup.importFrom(ids.resourceGroup);
  if (deployment.namespace.cluster !== undefined && ids.cluster !== undefined) deployment.namespace.cluster.importFrom(ids.cluster);
  deployment.namespace.namespace.importFrom(ids.namespace);
  deployment.consumer.eventHub.importFrom(ids.eventHub);
  deployment.consumer.consumerGroup.importFrom(ids.consumerGroup);
  deployment.consumer.listenPolicy.importFrom(ids.listenPolicy);
  if (deployment.application !== undefined) adoptApplication(deployment.application, applicationObjectId);
}

/**
 * Entra ID object IDs cannot be derived from names, so the import IDs are expressions over azuread
 * data sources, which Terraform reads while planning (import `id` expressions need Terraform 1.6 or
 * later). The application is found by its display name, or by `objectId` when several applications
 * share that name; the service principal by the application's client ID.
 */
export function adoptApplication(app: XdrApplication, objectId?: string): void {
  const lookup = new DataAzureadApplication(
    app,
    'adopted-application',
    objectId === undefined ? { displayName: app.application.displayNameInput ?? APPLICATION_DISPLAY_NAME } : { objectId },
  );
  app.application.importFrom(applicationResourceId(objectId ?? lookup.objectId));
  const principal = new DataAzureadServicePrincipal(app, 'adopted-service-principal', { clientId: lookup.clientId });
  app.servicePrincipal.importFrom(servicePrincipalResourceId(principal.objectId));
}
