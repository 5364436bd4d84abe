import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { checkGuid, checkOneOf, failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { TEMPLATE_SEQUENCE } from '../rules/text';
import { isKnown, isReference, mustBeKnown } from '../tokens';
import { loadRoleAssignment } from './load';

/**
 * Built-in Azure roles that make sense on an Event Hubs namespace or hub, by the name Azure gives them,
 * or any role (a custom one) by its definition ID: never a free string, so a misspelt role name fails
 * to compile instead of at apply. The XDR integration itself needs none of them: it reads with the
 * listen policy's SAS key.
 */
export type EventHubsRole =
  | 'Azure Event Hubs Data Receiver'
  | 'Azure Event Hubs Data Sender'
  | 'Azure Event Hubs Data Owner'
  | 'Reader'
  | 'Contributor'
  | {
      /**
       * A role by its definition ID, for a custom role or a built-in one not named above:
       * `/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>`, or the
       * subscription-less `/providers/Microsoft.Authorization/roleDefinitions/<guid>` of a built-in role.
       */
      readonly roleDefinitionId: string;
    };

/** The roles of the typed grants: `grantListen`, `grantSend`, `grantDataOwner`, `grantManage`. */
export const EVENT_HUBS_ROLES = {
  /** Read events (`Azure Event Hubs Data Receiver`). */
  listen: 'Azure Event Hubs Data Receiver',
  /** Write events (`Azure Event Hubs Data Sender`). */
  send: 'Azure Event Hubs Data Sender',
  /** Read and write events and manage the data plane (`Azure Event Hubs Data Owner`). */
  dataOwner: 'Azure Event Hubs Data Owner',
  /**
   * Manage the resource: hubs, consumer groups, policies and their keys, settings (`Contributor`, the
   * role Defender's Streaming API settings need on the namespace).
   */
  manage: 'Contributor',
} as const;

/** Options of a grant: its construct ID, principal type, ABAC condition and provider. */
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
  /**
   * An ABAC condition that narrows the assignment, such as one hub by name
   * (`@Resource[Microsoft.EventHub/namespaces/eventhubs:name] StringEquals 'unit-a'`).
   * @default no condition
   */
  readonly condition?: string;
  /** Version of the condition language. @default "2.0" when a condition is given */
  readonly conditionVersion?: '2.0';
  /** The azurerm provider the assignment is created with. @default the namespace's provider */
  readonly provider?: TerraformProvider;
}

/** Something Azure roles can be granted on. */
export interface IGrantable {
  /** An Azure role on this resource for a user, group or managed identity. */
  grant(principalId: string, role: EventHubsRole, options?: GrantOptions): RoleAssignment;
  /** `Azure Event Hubs Data Receiver`: read events. */
  grantListen(principalId: string, options?: GrantOptions): RoleAssignment;
  /** `Azure Event Hubs Data Sender`: write events. */
  grantSend(principalId: string, options?: GrantOptions): RoleAssignment;
  /** `Azure Event Hubs Data Owner`: full data access. */
  grantDataOwner(principalId: string, options?: GrantOptions): RoleAssignment;
  /** `Contributor`: manage the resource, its hubs, policies and keys. */
  grantManage(principalId: string, options?: GrantOptions): RoleAssignment;
}

/** The typed grants, each `grant` with the role of `EVENT_HUBS_ROLES`. */
export abstract class GrantableConstruct extends Construct implements IGrantable {
  /** An Azure role on this resource for a user, group or managed identity. */
  abstract grant(principalId: string, role: EventHubsRole, options?: GrantOptions): RoleAssignment;

  /** `Azure Event Hubs Data Receiver`: read events. */
  grantListen(principalId: string, options?: GrantOptions): RoleAssignment {
    return this.grant(principalId, EVENT_HUBS_ROLES.listen, options);
  }

  /** `Azure Event Hubs Data Sender`: write events. */
  grantSend(principalId: string, options?: GrantOptions): RoleAssignment {
    return this.grant(principalId, EVENT_HUBS_ROLES.send, options);
  }

  /** `Azure Event Hubs Data Owner`: full data access. */
  grantDataOwner(principalId: string, options?: GrantOptions): RoleAssignment {
    return this.grant(principalId, EVENT_HUBS_ROLES.dataOwner, options);
  }

  /** `Contributor`: manage the resource, its hubs, policies and keys. */
  grantManage(principalId: string, options?: GrantOptions): RoleAssignment {
    return this.grant(principalId, EVENT_HUBS_ROLES.manage, options);
  }
}

const ROLE_DEFINITION_ID =
  /^(\/subscriptions\/[0-9a-f-]{36})?\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE_NAMES: readonly string[] = ['Reader', ...Object.values(EVENT_HUBS_ROLES)];

/** What is wrong with a role, or `undefined`: a name of the closed set, or a definition ID. */
function roleProblem(role: EventHubsRole): string | undefined {
  if (typeof role === 'string') {
    if (!isKnown(role)) return mustBeKnown('role', 'a role name or { roleDefinitionId }, which may be a Terraform reference');
    return checkOneOf('role', role, ROLE_NAMES, ', or { roleDefinitionId }');
  }
  const id = (role as { roleDefinitionId?: string } | undefined)?.roleDefinitionId;
  if (isReference(id)) return undefined;
  return id !== undefined && ROLE_DEFINITION_ID.test(id)
    ? undefined
    : problem(
        'role.roleDefinitionId',
        id,
        'must be a role definition ID, such as /subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>',
      );
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
      principalId === undefined ? 'principalId is required: the object ID of the user, group or managed identity' : undefined,
      isKnown(principalId) ? checkGuid('principalId', principalId) : undefined,
      roleProblem(role),
      // A condition may span lines (the portal writes them so); only what Terraform would evaluate is refused.
      isKnown(options.condition) && TEMPLATE_SEQUENCE.test(options.condition)
        ? problem(
            'condition',
            options.condition,
            'must not contain "${" or "%{": Terraform would evaluate them; ABAC conditions never need them',
          )
        : undefined,
    ),
    source,
  );
  const roleName = typeof role === 'string' ? role : undefined;
  const definitionId = typeof role === 'string' ? undefined : role.roleDefinitionId;
  const prefix = `grant-${roleName !== undefined ? slug(roleName) : isKnown(definitionId) ? `role-${definitionId.split('/').pop()}` : 'role'}`;
  // A known principal and role name the address (so the same grant twice is refused); a role given as a
  // reference cannot be compared, so a second one to the principal is numbered from 2, the first keeping its address
  const principalKey = isKnown(principalId) ? `${prefix}-${principalId.toLowerCase()}` : undefined;
  const comparable = roleName !== undefined || isKnown(definitionId);
  const id =
    options.id ??
    (principalKey === undefined
      ? nextFreeId(scope, prefix)
      : comparable || scope.node.tryFindChild(principalKey) === undefined
        ? principalKey
        : nextFreeId(scope, principalKey, 2));
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
    roleDefinitionName: roleName,
    roleDefinitionId: definitionId,
    principalType: options.principalType,
    condition: options.condition,
    conditionVersion: options.condition === undefined ? undefined : (options.conditionVersion ?? '2.0'),
    provider: options.provider,
  });
}

function nextFreeId(scope: Construct, prefix: string, first = 1): string {
  let n = first;
  while (scope.node.tryFindChild(`${prefix}-${n}`) !== undefined) n += 1;
  return `${prefix}-${n}`;
}
