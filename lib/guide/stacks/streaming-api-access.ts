import { Construct } from 'constructs';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { grantRole } from '../../azure/role-assignment';
import { EventHubNamespace } from '../../eventhub/eventhub-namespace';
import { checkGuid, failures } from '../../rules/checks';
import { assertNoProblems } from '../../rules/errors';

/**
 * The Azure role Microsoft requires on the Event Hubs namespace of whoever saves Defender's Streaming
 * API settings ("Contributor role at the Event Hubs Namespace resource level or higher"; without it the
 * portal reports an export error on save). Their Entra role (Security Administrator) is separate.
 */
export const STREAMING_API_ROLE = 'Contributor';

/**
 * Gives the person (or group) who configures Defender's Streaming API the role it needs on the
 * namespace, and nothing wider. scope, role_definition_name and principal_id are all ForceNew
 * (azurerm 4.55.0, internal/services/authorization/role_assignment_resource.go): another object ID
 * replaces the assignment, which is the intent.
 */
export function grantStreamingApiAccess(scope: Construct, namespace: EventHubNamespace, principalId: string): RoleAssignment {
  assertNoProblems(failures(checkGuid('streaming_api_principal_id', principalId)), 'settings');
  return grantRole(scope, namespace.id, principalId, STREAMING_API_ROLE, { id: 'streaming-api-contributor' }, 'settings');
}
