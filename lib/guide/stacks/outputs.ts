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
    description: "XDR form: Client Secret. After a deploy that changed client_secret_key_id, type it into XDR's Client Secret field",
  });
  // the rotation model of help/rotation.md: what to do, and by when
  const schedule: ReadonlyArray<readonly [string, string | number, string]> = [
    ['client_secret_key_id', app.currentSecretKeyId, 'The Secret ID of client_secret under Certificates & secrets: the one XDR must hold'],
    [
      'client_secret_rotate_by',
      app.currentSecretRotateBy,
      'Rotation due: on the first deploy after this date run npm run rotate, then deploy, then npm run values and type the new client_secret into XDR',
    ],
    [
      'client_secret_expires_at',
      app.currentSecretExpiresAt,
      'When client_secret stops working; rotate (client_secret_rotate_by) long before',
    ],
    [
      'previous_client_secret_key_id',
      app.previousSecretKeyId,
      'The Secret ID of the older secret: the next rotation deletes it, so XDR must hold client_secret before that deploy',
    ],
    [
      'previous_client_secret_expires_at',
      app.previousSecretExpiresAt,
      'When the older secret stops working: if XDR still holds it, type client_secret into XDR before this date',
    ],
    [
      'secret_generation',
      app.secretGeneration,
      'The deployed rotation counter (secret_generation in xdr.tfvars; npm run rotate raises it)',
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
