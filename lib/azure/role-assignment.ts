import { Construct } from 'constructs';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { checkGuid, failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { isKnown } from '../tokens';
import { loadRoleAssignment } from './load';

/**
 * Built-in Azure roles that make sense on an Event Hubs namespace or hub, by the name Azure gives them;
 * any other role name (a custom role, say) is accepted as a string and checked by Azure at apply.
 * The XDR integration itself needs none of them: it reads with the listen policy's SAS key.
 */
export type EventHubsRole =
  | 'Azure Event Hubs Data Receiver'
  | 'Azure Event Hubs Data Sender'
  | 'Azure Event Hubs Data Owner'
  | 'Reader'
  | 'Contributor'
  | (string & Record<never, never>);

export interface GrantOptions {
  /**
   * Construct ID of the role assignment, part of its Terraform address. Set it when `principalId` is a
   * Terraform reference, so the address does not depend on the order of the grant calls.
   * @default `grant-<role>-<principalId>`, or `grant-<role>-<n>` for a principal known only at plan time
   */
  readonly id?: string;
  /**
   * The principal's type. Give it for a principal created in the same apply: Azure then skips the
   * directory lookup that fails while a new principal is still replicating.
   * @default Azure looks the principal up
   */
  readonly principalType?: 'User' | 'Group' | 'ServicePrincipal';
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** An `azurerm_role_assignment` of a role by name on one resource; refuses the same grant twice. */
export function grantRole(
  scope: Construct,
  resourceId: string,
  principalId: string,
  role: EventHubsRole,
  options: GrantOptions,
  source: string,
): RoleAssignment {
  assertNoProblems(
    failures(
      isKnown(principalId) ? checkGuid('principalId', principalId) : undefined,
      isKnown(role) && !/^\P{Cc}{1,512}$/u.test(role)
        ? problem('role', role, 'must be the name of an Azure role, such as "Azure Event Hubs Data Receiver"')
        : undefined,
    ),
    source,
  );
  const prefix = `grant-${isKnown(role) ? slug(role) : 'role'}`;
  const id = options.id ?? (isKnown(principalId) ? `${prefix}-${principalId.toLowerCase()}` : nextFreeId(scope, prefix));
  const existing = scope.node.tryFindChild(id);
  if (existing !== undefined) {
    assertNoProblems(
      [
        problem(
          'principalId',
          principalId,
          `already has this grant (${existing.node.path}); grant each role once, or give another options.id`,
        ),
      ],
      source,
    );
  }
  const { RoleAssignment } = loadRoleAssignment();
  return new RoleAssignment(scope, id, {
    scope: resourceId,
    principalId,
    roleDefinitionName: role,
    principalType: options.principalType,
  });
}

function nextFreeId(scope: Construct, prefix: string): string {
  let n = 1;
  while (scope.node.tryFindChild(`${prefix}-${n}`) !== undefined) n += 1;
  return `${prefix}-${n}`;
}
