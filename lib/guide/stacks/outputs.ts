import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { DefenderConsumer } from '../../eventhub/defender-consumer';
import { EventHubNamespace } from '../../eventhub/eventhub-namespace';
import { XdrApplication } from '../../entra/xdr-application';

/** The outputs the customer copies into XDR and the consent page (help/guide-facts.md#the-outputs). */
export function applicationOutputs(scope: Construct, app: XdrApplication): void {
  new TerraformOutput(scope, 'azure_consent_url', {
    value: app.consentUrl,
    description: 'Open as an administrator to grant the read-only roles',
  });
  new TerraformOutput(scope, 'tenant_id', { value: app.tenantId, description: 'XDR form: Tenant ID' });
  new TerraformOutput(scope, 'client_id', { value: app.clientId, description: 'XDR form: Client ID' });
  new TerraformOutput(scope, 'client_secret', {
    value: app.currentSecretValue,
    sensitive: true,
    description: 'XDR form: Client Secret',
  });
  // when each of the two overlapping secrets goes (help/rotation.md)
  const schedule: ReadonlyArray<readonly [string, string, string]> = [
    ['client_secret_expires_at', app.currentSecretExpiresAt, 'When the client secret stops working; deploy before then to rotate it'],
    ['client_secret_key_id', app.currentSecretKeyId, 'The Secret ID of client_secret under Certificates & secrets'],
    ['previous_client_secret_expires_at', app.previousSecretExpiresAt, 'When the other, older secret stops working'],
    [
      'previous_client_secret_replaced_after',
      app.previousSecretReplacedAfter,
      'The first deploy after this replaces the older secret: XDR must hold client_secret by then',
    ],
  ];
  for (const [name, value, description] of schedule) new TerraformOutput(scope, name, { value, description });
}

/** The outputs the Defender Streaming API page and the XDR form need (help/guide-facts.md#the-outputs). */
export function eventHubOutputs(scope: Construct, namespace: EventHubNamespace, consumer: DefenderConsumer): void {
  new TerraformOutput(scope, 'event_hub_namespace_name', { value: namespace.name, description: 'XDR form: Event Hub Namespace' });
  new TerraformOutput(scope, 'event_hub_namespace_resource_id', {
    value: namespace.id,
    description: 'Streaming API: Event Hub Resource ID',
  });
  new TerraformOutput(scope, 'event_hub_name', {
    value: consumer.eventHub.name,
    description: 'Streaming API and XDR form: Event Hub Name',
  });
  new TerraformOutput(scope, 'consumer_group_name', { value: consumer.consumerGroup.name, description: 'XDR form: Consumer Group' });
  new TerraformOutput(scope, 'shared_access_policy_name', {
    value: consumer.listenPolicy.name,
    description: 'XDR form: Shared Access Policy Name',
  });
  new TerraformOutput(scope, 'shared_access_policy_key', {
    value: consumer.listenPolicy.primaryKey,
    sensitive: true,
    description: 'XDR form: Shared Access Policy Key',
  });
}
