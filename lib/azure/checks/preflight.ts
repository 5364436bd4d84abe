/**
 * Preflight: what a deploy of the guide's templates needs from Azure and Entra ID, checked against
 * the signed-in identity before anything is created. One function per check, each returning a
 * CheckResult; `runPreflight` runs them in order. Nothing here prints.
 */
import type { Permission } from '@azure/arm-authorization';
import { AzureClients } from './clients';
import { SignedInIdentity, readIdentity } from './identity';
import { missingActions } from './permissions';
import { CheckResult, failed, notCheckable, passed, statusOf } from './result';

/** What one deploy creates, in Azure's terms: the checks compare Azure with this. */
export interface DeploymentPlan {
  readonly tenantId: string;
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  /** Azure region name ("eastus"). */
  readonly location: string;
  readonly namespaceName: string;
  readonly tier: 'Standard' | 'Premium' | 'Dedicated';
  /** Throughput units (Standard) or processing units (Premium). */
  readonly capacity: number;
  /** Present on a dedicated cluster. */
  readonly clusterName?: string;
  /** False on a replacement, which reads its resource group. */
  readonly createsResourceGroup: boolean;
  /** False on a replacement, which leaves the application alone. */
  readonly createsApplication: boolean;
  readonly applicationDisplayName: string;
  readonly grantAdminConsent: boolean;
  readonly adoptExisting: boolean;
  readonly adoptApplicationObjectId?: string;
  /** The client ID of the application this deployment already made (its state's `client_id`), when deployed. */
  readonly deployedClientId?: string;
  /** A role assignment on the namespace (the Streaming API's user or group). */
  readonly assignsRoles: boolean;
  /** Metric alerts and an action group. */
  readonly createsAlerts: boolean;
  readonly allowedIpRanges?: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
  /** Resource providers the deploy registers or needs registered. */
  readonly resourceProviders: readonly string[];
  /** The tfvars file the variables come from, named in the advice (a tenant's own file in a tenants folder). @default "terraform.tfvars" */
  readonly variablesFile?: string;
}

/** Built-in Entra ID roles by template ID (the same in every tenant). */
export const DIRECTORY_ROLES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  'cf1c38e5-3621-4004-a7cb-879624dced7c': 'Application Developer',
};
const CREATES_APPLICATIONS = [
  'Global Administrator',
  'Application Administrator',
  'Cloud Application Administrator',
  'Application Developer',
];
/**
 * Granting the application's roles takes one of these. They are WindowsDefenderATP's, not Microsoft
 * Graph's: Application and Cloud Application Administrators may grant any API's application roles but
 * Graph's (Microsoft Entra's "Grant tenant-wide admin consent" prerequisites), which no role here requests.
 */
const GRANTS_APPLICATION_ROLES = [
  'Global Administrator',
  'Privileged Role Administrator',
  'Application Administrator',
  'Cloud Application Administrator',
];

/** The ARM actions a deploy of `plan` performs; the resource group's own only when it is to be created. */
export function requiredActions(plan: DeploymentPlan, resourceGroupExists: boolean): string[] {
  const actions = [
    'Microsoft.EventHub/namespaces/write',
    'Microsoft.EventHub/namespaces/eventhubs/write',
    'Microsoft.EventHub/namespaces/eventhubs/consumergroups/write',
    'Microsoft.EventHub/namespaces/eventhubs/authorizationRules/write',
    'Microsoft.EventHub/namespaces/eventhubs/authorizationRules/listkeys/action',
  ];
  if (plan.createsResourceGroup && !resourceGroupExists) actions.unshift('Microsoft.Resources/subscriptions/resourceGroups/write');
  if (plan.clusterName !== undefined) actions.push('Microsoft.EventHub/clusters/write');
  if ((plan.allowedIpRanges ?? []).length > 0) actions.push('Microsoft.EventHub/namespaces/networkrulesets/write');
  if (plan.assignsRoles) actions.push('Microsoft.Authorization/roleAssignments/write');
  if (plan.createsAlerts) actions.push('Microsoft.Insights/actionGroups/write', 'Microsoft.Insights/metricAlerts/write');
  return actions;
}

/** Region names as Azure's lists spell them ("East US") compared with the short form ("eastus"). */
const regionKey = (name: string) => name.replace(/\s+/g, '').toLowerCase();

export async function checkSignedIn(clients: AzureClients): Promise<{ result: CheckResult; identity?: SignedInIdentity }> {
  const check = 'signed in';
  try {
    const identity = await readIdentity(clients.credential, clients.armScope);
    const what = identity.kind === 'user' ? 'user' : 'application';
    return { result: passed(check, `as ${what} ${identity.name} in tenant ${identity.tenantId}`), identity };
  } catch (error) {
    // without a token nothing else can be checked: that fails the run
    return { result: { ...notCheckable(check, error, 'a sign-in'), status: 'failed' } };
  }
}

export function checkTenant(identity: SignedInIdentity, plan: DeploymentPlan): CheckResult {
  const check = 'tenant matches azure_tenant_id';
  return identity.tenantId.toLowerCase() === plan.tenantId.toLowerCase()
    ? passed(check, `signed in to ${plan.tenantId}`)
    : failed(
        check,
        `signed in to tenant ${identity.tenantId}, but azure_tenant_id is ${plan.tenantId}`,
        `az login --tenant ${plan.tenantId} (or correct azure_tenant_id)`,
      );
}

export async function checkSubscription(clients: AzureClients, plan: DeploymentPlan): Promise<CheckResult> {
  const check = 'subscription matches azure_subscription_id';
  try {
    const s = await clients.subscriptions.subscriptions.get(plan.subscriptionId);
    if (s.tenantId !== undefined && s.tenantId.toLowerCase() !== plan.tenantId.toLowerCase()) {
      return failed(
        check,
        `subscription ${plan.subscriptionId} (${s.displayName}) belongs to tenant ${s.tenantId}, not azure_tenant_id ${plan.tenantId}`,
        `correct azure_subscription_id or azure_tenant_id in ${plan.variablesFile ?? 'terraform.tfvars'}`,
      );
    }
    if (s.state !== 'Enabled') {
      return failed(
        check,
        `subscription ${plan.subscriptionId} (${s.displayName}) is ${s.state}`,
        'use an enabled subscription, or have it re-enabled',
      );
    }
    return passed(check, `${s.displayName} (${plan.subscriptionId}) is enabled`);
  } catch (error) {
    if (statusOf(error) === 404) {
      return failed(
        check,
        `subscription ${plan.subscriptionId} does not exist or the signed-in identity has no role in it`,
        `sign in with an identity that has a role in subscription ${plan.subscriptionId} (az login), or correct azure_subscription_id`,
      );
    }
    return notCheckable(check, error, 'Microsoft.Resources/subscriptions/read');
  }
}

/** Whether the resource group exists; `undefined` when that cannot be read. */
export async function resourceGroupExists(clients: AzureClients, name: string): Promise<boolean | undefined> {
  try {
    return (await clients.resources.resourceGroups.checkExistence(name)).body;
  } catch {
    return undefined;
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Where a role assignment at or above the subscription applies to the whole subscription. */
function coversSubscription(scope: string, subscriptionId: string): boolean {
  const s = scope.toLowerCase();
  return s === '/' || s.startsWith('/providers/microsoft.management/') || s === `/subscriptions/${subscriptionId.toLowerCase()}`;
}

/**
 * The identity's Azure RBAC permissions where the deploy creates things: the permissions API on the
 * resource group when it exists; otherwise the roles assigned to the identity (or its groups) on
 * the subscription or above, which is what creating the resource group takes.
 */
export async function readPermissions(
  clients: AzureClients,
  plan: DeploymentPlan,
  identity: SignedInIdentity,
  groupExists: boolean,
): Promise<Permission[]> {
  if (groupExists) return collect(clients.authorization.permissions.listForResourceGroup(plan.resourceGroupName));
  const assignments = await collect(
    clients.authorization.roleAssignments.listForSubscription({ filter: `assignedTo('${identity.objectId}')` }),
  );
  const permissions: Permission[] = [];
  const roleIds = new Set(
    assignments.filter((a) => coversSubscription(a.scope ?? '', plan.subscriptionId)).map((a) => a.roleDefinitionId ?? ''),
  );
  for (const id of roleIds) {
    if (id !== '') permissions.push(...((await clients.authorization.roleDefinitions.getById(id)).permissions ?? []));
  }
  return permissions;
}

export function checkAzureRights(plan: DeploymentPlan, permissions: readonly Permission[], groupExists: boolean): CheckResult {
  const check = 'Azure RBAC rights to deploy';
  const scope = groupExists ? `resource group ${plan.resourceGroupName}` : `subscription ${plan.subscriptionId}`;
  const missing = missingActions(permissions, requiredActions(plan, groupExists));
  return missing.length === 0
    ? passed(check, `every action the deploy performs is allowed on ${scope}`)
    : failed(
        check,
        `not allowed on ${scope}: ${missing.join(', ')}`,
        `ask for Contributor (or a role granting these actions) on ${scope}${plan.assignsRoles ? ', and User Access Administrator for the role assignment' : ''}`,
      );
}

export async function checkResourceProviders(
  clients: AzureClients,
  plan: DeploymentPlan,
  permissions?: readonly Permission[],
): Promise<CheckResult> {
  const check = 'resource providers registered';
  try {
    const missing: string[] = [];
    for (const namespace of plan.resourceProviders) {
      const provider = await clients.resources.providers.get(namespace);
      if (provider.registrationState !== 'Registered' && provider.registrationState !== 'Registering')
        missing.push(provider.namespace ?? namespace);
    }
    if (missing.length === 0) return passed(check, plan.resourceProviders.join(', '));
    const registrable =
      permissions !== undefined &&
      missingActions(
        permissions,
        missing.map((p) => `${p}/register/action`),
      ).length === 0;
    return registrable
      ? passed(check, `${missing.join(', ')} not registered yet; the deploy registers them (the identity may)`)
      : failed(
          check,
          `${missing.join(', ')} not registered, and registering needs <provider>/register/action on the subscription`,
          missing.map((p) => `az provider register --namespace ${p}`).join('; '),
        );
  } catch (error) {
    return notCheckable(check, error, 'Microsoft.Resources/subscriptions/providers/read');
  }
}

export async function checkNamespaceName(clients: AzureClients, plan: DeploymentPlan): Promise<CheckResult> {
  const check = 'namespace name available';
  try {
    const result = await clients.eventHub.namespaces.checkNameAvailability({ name: plan.namespaceName });
    if (result.nameAvailable) return passed(check, `${plan.namespaceName} is free`);
    try {
      const ours = await clients.eventHub.namespaces.get(plan.resourceGroupName, plan.namespaceName);
      return passed(
        check,
        `${plan.namespaceName} exists in resource group ${plan.resourceGroupName} (${ours.sku?.name}): this deployment's own, or one to adopt (help/adopting.md)`,
      );
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    return failed(
      check,
      `${plan.namespaceName} is taken outside resource group ${plan.resourceGroupName} (${result.reason ?? 'unavailable'}: ${result.message ?? 'a namespace name is a global DNS name'})`,
      `choose another client_name in ${plan.variablesFile ?? 'terraform.tfvars'} (the namespace is named after it and azure_region)`,
    );
  } catch (error) {
    return notCheckable(check, error, 'Microsoft.EventHub/checkNameAvailability/action');
  }
}

export async function checkClusterName(clients: AzureClients, plan: DeploymentPlan): Promise<CheckResult | undefined> {
  if (plan.clusterName === undefined) return undefined;
  const check = 'cluster name available';
  try {
    await clients.eventHub.clusters.get(plan.resourceGroupName, plan.clusterName);
    return passed(
      check,
      `${plan.clusterName} exists in resource group ${plan.resourceGroupName}: this deployment's own, or one to adopt (help/adopting.md)`,
    );
  } catch (error) {
    if (statusOf(error) === 404) return passed(check, `${plan.clusterName} is free in resource group ${plan.resourceGroupName}`);
    return notCheckable(check, error, 'Microsoft.EventHub/clusters/read');
  }
}

export async function checkTierInRegion(clients: AzureClients, plan: DeploymentPlan): Promise<CheckResult> {
  const check = `${plan.tier} offered in ${plan.location}`;
  try {
    let regions: string[];
    if (plan.tier === 'Dedicated') {
      const available = await clients.eventHub.clusters.listAvailableClusterRegion();
      regions = (available.value ?? []).map((r) => r.location ?? '');
    } else {
      const provider = await clients.resources.providers.get('Microsoft.EventHub');
      regions = provider.resourceTypes?.find((t) => t.resourceType?.toLowerCase() === 'namespaces')?.locations ?? [];
    }
    const offered = regions.some((r) => regionKey(r) === regionKey(plan.location));
    const what = plan.tier === 'Dedicated' ? 'dedicated clusters' : 'Event Hubs namespaces';
    return offered
      ? passed(check, `${what} are offered in ${plan.location}`)
      : failed(
          check,
          `${what} are not offered in ${plan.location} for this subscription`,
          `choose another azure_region; offered: ${regions.join(', ') || 'none'}`,
        );
  } catch (error) {
    return notCheckable(check, error, 'Microsoft.Resources/subscriptions/providers/read');
  }
}

/** The namespace as the deploy will create it, in the shape of its ARM resource, for Azure Policy. */
export function namespaceContent(plan: DeploymentPlan): Record<string, unknown> {
  const sku = plan.tier === 'Dedicated' ? 'Standard' : plan.tier;
  const ranges = plan.allowedIpRanges ?? [];
  return {
    type: 'Microsoft.EventHub/namespaces',
    name: plan.namespaceName,
    location: plan.location,
    sku: { name: sku, tier: sku, capacity: plan.tier === 'Dedicated' ? 1 : plan.capacity },
    ...(plan.tags ? { tags: plan.tags } : {}),
    properties: {
      minimumTlsVersion: '1.2',
      disableLocalAuth: false,
      publicNetworkAccess: 'Enabled',
      ...(ranges.length > 0 ? { networkRuleSet: { defaultAction: 'Deny' } } : {}),
    },
  };
}

const lastSegment = (id: string | undefined) => (id ?? '').split('/').filter(Boolean).pop() ?? 'unknown';

export async function checkPolicyRestrictions(clients: AzureClients, plan: DeploymentPlan, groupExists: boolean): Promise<CheckResult> {
  const check = 'Azure Policy allows the namespace';
  const request = {
    resourceDetails: { resourceContent: namespaceContent(plan), apiVersion: '2024-01-01' },
    pendingFields: [{ field: 'location', values: [plan.location] }],
  };
  try {
    const result = groupExists
      ? await clients.policyInsights.policyRestrictions.checkAtResourceGroupScope(plan.resourceGroupName, request)
      : await clients.policyInsights.policyRestrictions.checkAtSubscriptionScope(request);
    const denials: string[] = [];
    for (const field of result.fieldRestrictions ?? []) {
      for (const r of field.restrictions ?? []) {
        if (r.result === 'Deny') {
          const allowed = r.values && r.values.length > 0 ? ` (allowed: ${r.values.join(', ')})` : '';
          denials.push(
            `${field.field} denied by assignment ${lastSegment(r.policy?.policyAssignmentId)}, policy ${lastSegment(r.policy?.policyDefinitionId)}${allowed}`,
          );
        } else if (r.result === 'Required') {
          denials.push(
            `${field.field} must be ${r.values?.join(' or ') ?? r.defaultValue} (assignment ${lastSegment(r.policy?.policyAssignmentId)}, policy ${lastSegment(r.policy?.policyDefinitionId)})`,
          );
        }
      }
    }
    for (const evaluation of result.contentEvaluationResult?.policyEvaluations ?? []) {
      if (evaluation.evaluationResult !== 'NonCompliant') continue;
      const expressions = evaluation.evaluationDetails?.evaluatedExpressions ?? [];
      const fields = [...new Set(expressions.map((e) => e.path ?? e.expression).filter((f): f is string => f !== undefined))];
      denials.push(
        `${fields.join(', ') || 'the namespace'} denied by assignment ${lastSegment(evaluation.policyInfo?.policyAssignmentId)}, policy ${lastSegment(evaluation.policyInfo?.policyDefinitionId)}${evaluation.effectDetails?.policyEffect ? ` (${evaluation.effectDetails.policyEffect})` : ''}`,
      );
    }
    return denials.length === 0
      ? passed(check, `no policy denies ${plan.namespaceName} as it will be created`)
      : failed(
          check,
          denials.join('; '),
          'ask the policy owner for an exemption on the resource group, or change the setting the policy names (help/preflight.md#policy)',
        );
  } catch (error) {
    return notCheckable(check, error, 'Microsoft.PolicyInsights/checkPolicyRestrictions/action');
  }
}

interface GraphApplication {
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
  readonly createdDateTime?: string;
}

export async function checkExistingApplication(clients: AzureClients, plan: DeploymentPlan): Promise<CheckResult | undefined> {
  if (!plan.createsApplication) return undefined;
  const check = "no application with the guide's name";
  const name = plan.applicationDisplayName;
  try {
    const apps = await clients.graph.list<GraphApplication>(
      `/applications?$filter=${encodeURIComponent(`displayName eq '${name.replace(/'/g, "''")}'`)}&$select=id,appId,displayName,createdDateTime`,
    );
    if (apps.length === 0) return passed(check, `no application named ${name}: the deploy creates it`);
    const deployed = plan.deployedClientId?.toLowerCase();
    if (apps.every((a) => a.appId.toLowerCase() === deployed)) {
      return passed(check, `${name} (${apps[0].appId}) is this deployment's own (the client_id in its state)`);
    }
    const listed = apps.map((a) => `${a.appId}${a.createdDateTime ? ` created ${a.createdDateTime.slice(0, 10)}` : ''}`).join(', ');
    if (plan.adoptExisting) {
      const chosen = plan.adoptApplicationObjectId
        ? apps.find((a) => a.id.toLowerCase() === plan.adoptApplicationObjectId?.toLowerCase())
        : undefined;
      if (chosen !== undefined || apps.length === 1) {
        return passed(check, `${name} exists (${chosen?.appId ?? apps[0].appId}) and adopt_existing takes it over`);
      }
      return failed(
        check,
        `${apps.length} applications are named ${name} (${listed}) and adoption takes one`,
        'set adopt_application_object_id in xdr.tfvars to the object ID of the one XDR uses (help/adopting.md)',
      );
    }
    return failed(
      check,
      `${apps.length === 1 ? 'an application' : `${apps.length} applications`} named ${name} already exist${apps.length === 1 ? 's' : ''} (${listed}); a deploy would add another`,
      "if the guide's zip made it, adopt it: adopt_existing = true in xdr.tfvars (help/adopting.md); if this project deployed it, nothing to do",
    );
  } catch (error) {
    return notCheckable(check, error, 'the Microsoft Graph permission Application.Read.All');
  }
}

/** The identity's active Entra ID directory roles (built-in ones by name). */
async function directoryRoles(clients: AzureClients, identity: SignedInIdentity): Promise<string[]> {
  const assignments = await clients.graph.list<{ roleDefinitionId: string }>(
    `/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`principalId eq '${identity.objectId}'`)}`,
  );
  return assignments.map((a) => DIRECTORY_ROLES[a.roleDefinitionId.toLowerCase()]).filter((r): r is string => r !== undefined);
}

export async function checkApplicationRights(
  clients: AzureClients,
  plan: DeploymentPlan,
  identity: SignedInIdentity,
): Promise<CheckResult | undefined> {
  if (!plan.createsApplication) return undefined;
  const check = 'Entra ID rights to create the application';
  try {
    if (identity.kind === 'application') {
      const graph = await readIdentity(clients.credential, clients.graphScope);
      const granted = graph.roles.filter((r) => r === 'Application.ReadWrite.All' || r === 'Application.ReadWrite.OwnedBy');
      return granted.length > 0
        ? passed(check, `the application holds ${granted.join(', ')}`)
        : failed(
            check,
            'the signed-in application holds neither Application.ReadWrite.OwnedBy nor Application.ReadWrite.All',
            'grant it the Microsoft Graph application permission Application.ReadWrite.OwnedBy, with admin consent',
          );
    }
    const policy = await clients.graph.get<{ defaultUserRolePermissions?: { allowedToCreateApps?: boolean } }>(
      '/policies/authorizationPolicy',
    );
    if (policy.defaultUserRolePermissions?.allowedToCreateApps) return passed(check, 'every user of the tenant may register applications');
    const roles = await directoryRoles(clients, identity);
    const enough = roles.filter((r) => CREATES_APPLICATIONS.includes(r));
    return enough.length > 0
      ? passed(check, `users may not register applications, and ${identity.name} holds ${enough.join(', ')}`)
      : failed(
          check,
          `users may not register applications in this tenant and ${identity.name} holds no role that may`,
          'ask for the Application Developer role (or Cloud Application Administrator) in Entra ID',
        );
  } catch (error) {
    return notCheckable(check, error, 'the Microsoft Graph permissions Policy.Read.All and RoleManagement.Read.Directory');
  }
}

export async function checkConsentRights(
  clients: AzureClients,
  plan: DeploymentPlan,
  identity: SignedInIdentity,
): Promise<CheckResult | undefined> {
  if (!plan.grantAdminConsent || !plan.createsApplication) return undefined;
  const check = 'rights to grant admin consent';
  try {
    if (identity.kind === 'application') {
      const graph = await readIdentity(clients.credential, clients.graphScope);
      return graph.roles.includes('AppRoleAssignment.ReadWrite.All')
        ? passed(check, 'the application holds AppRoleAssignment.ReadWrite.All')
        : failed(
            check,
            'grant_admin_consent is set and the signed-in application lacks AppRoleAssignment.ReadWrite.All',
            'grant it that Microsoft Graph application permission, or remove grant_admin_consent and consent by hand (azure_consent_url: npm run values prints it)',
          );
    }
    const roles = (await directoryRoles(clients, identity)).filter((r) => GRANTS_APPLICATION_ROLES.includes(r));
    return roles.length > 0
      ? passed(check, `${identity.name} holds ${roles.join(', ')}`)
      : failed(
          check,
          `grant_admin_consent is set and ${identity.name} holds none of ${GRANTS_APPLICATION_ROLES.join(', ')}`,
          'have such an administrator deploy, or remove grant_admin_consent and have one open azure_consent_url (npm run values prints it)',
        );
  } catch (error) {
    return notCheckable(check, error, 'the Microsoft Graph permission RoleManagement.Read.Directory');
  }
}

/** Every preflight check of one deployment, in the order a person fixes them. */
export async function runPreflight(clients: AzureClients, plan: DeploymentPlan): Promise<CheckResult[]> {
  const signIn = await checkSignedIn(clients);
  if (signIn.identity === undefined) return [signIn.result];
  const identity = signIn.identity;
  const results: Array<CheckResult | undefined> = [signIn.result, checkTenant(identity, plan), await checkSubscription(clients, plan)];
  const groupExists = await resourceGroupExists(clients, plan.resourceGroupName);
  let permissions: Permission[] | undefined;
  try {
    permissions = await readPermissions(clients, plan, identity, groupExists === true);
    results.push(checkAzureRights(plan, permissions, groupExists === true));
  } catch (error) {
    results.push(notCheckable('Azure RBAC rights to deploy', error, 'Microsoft.Authorization/permissions/read'));
  }
  results.push(
    await checkApplicationRights(clients, plan, identity),
    await checkConsentRights(clients, plan, identity),
    await checkResourceProviders(clients, plan, permissions),
    await checkNamespaceName(clients, plan),
    await checkClusterName(clients, plan),
    await checkTierInRegion(clients, plan),
    await checkPolicyRestrictions(clients, plan, groupExists === true),
    await checkExistingApplication(clients, plan),
  );
  return results.filter((r): r is CheckResult => r !== undefined);
}
