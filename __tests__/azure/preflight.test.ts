/**
 * The preflight checks with the real Azure SDK clients against a local server answering as ARM and
 * Microsoft Graph do: every check passing, failing, and not checkable (403, 429 then success, paging).
 */
import { DeploymentPlan, runPreflight } from '../../lib/azure/checks/preflight';
import {
  OPERATOR,
  Route,
  SUBSCRIPTION,
  TENANT,
  armError,
  clientsFor,
  fakeCredential,
  findCheck,
  statuses,
  useAzureServer,
} from './azure-server';
import * as r from './responses';
import { CONTRIBUTOR_ID, preflightRoutes } from './routes';

const PLAN: DeploymentPlan = {
  tenantId: TENANT,
  subscriptionId: SUBSCRIPTION,
  resourceGroupName: r.RG,
  location: 'eastus',
  namespaceName: r.NS,
  tier: 'Standard',
  capacity: 2,
  createsResourceGroup: true,
  createsApplication: true,
  applicationDisplayName: 'SCWX-TDR-MDATP-APP',
  grantAdminConsent: false,
  adoptExisting: false,
  assignsRoles: false,
  createsAlerts: false,
  resourceProviders: ['Microsoft.EventHub', 'Microsoft.Insights'],
};

/** `routes` first, so they win over the healthy ones. */
const withRoutes = (...routes: Route[]): Route[] => [...routes, ...preflightRoutes()];

const azure = useAzureServer(preflightRoutes);

describe('runPreflight', () => {
  test('everything in place: every check passes, each with one line', async () => {
    const results = await runPreflight(azure.clients, PLAN);
    expect(statuses(results)).toEqual({
      'signed in': 'passed',
      'tenant matches azure_tenant_id': 'passed',
      'subscription matches azure_subscription_id': 'passed',
      'Azure RBAC rights to deploy': 'passed',
      'Entra ID rights to create the application': 'passed',
      'resource providers registered': 'passed',
      'namespace name available': 'passed',
      'Standard offered in eastus': 'passed',
      'Azure Policy allows the namespace': 'passed',
      "no application with the guide's name": 'passed',
    });
    expect(findCheck(results, 'signed in').detail).toBe(`as user operator@contoso.example in tenant ${TENANT}`);
    for (const c of results) expect(c.detail).not.toMatch(/\n/);
    // the SDK sent the credential's token, and the policy check the namespace as it will be created
    expect(azure.server.requests.every((q) => q.authorization?.startsWith('Bearer '))).toBe(true);
    const policy = JSON.parse(azure.server.requests.find((q) => /checkPolicyRestrictions/.test(q.path))?.body ?? '{}');
    expect(policy.resourceDetails.resourceContent).toMatchObject({
      type: 'Microsoft.EventHub/namespaces',
      name: r.NS,
      location: 'eastus',
      sku: { name: 'Standard', capacity: 2 },
      properties: { disableLocalAuth: false, minimumTlsVersion: '1.2' },
    });
  });

  test('failures: other tenant, disabled subscription, reader only, providers unregistered, name taken, region, policy, an existing application', async () => {
    azure.server.routes = withRoutes(
      ['GET', /^\/subscriptions\/[^/]+$/i, { body: r.subscription('Disabled') }],
      ['GET', /\/permissions$/i, { body: { value: [r.READER] } }],
      ['GET', /\/providers\/Microsoft\.EventHub$/i, { body: r.provider('Microsoft.EventHub', 'NotRegistered', ['West Europe']) }],
      [
        'POST',
        /checkNameAvailability$/i,
        { body: { nameAvailable: false, reason: 'NameInUse', message: `The specified name is not available. ${r.NS} is already in use.` } },
      ],
      ['POST', /checkPolicyRestrictions$/i, { body: r.restrictions() }],
      ['GET', /^\/v1\.0\/applications$/, { body: r.graphList([r.application([])]) }],
      [
        'GET',
        /^\/v1\.0\/policies\/authorizationPolicy$/,
        { body: { id: 'authorizationPolicy', defaultUserRolePermissions: { allowedToCreateApps: false } } },
      ],
      ['GET', /^\/v1\.0\/roleManagement\/directory\/roleAssignments$/, { body: r.graphList([]) }],
    );
    const other = '99999999-2222-3333-4444-555555555555';
    const results = await runPreflight(clientsFor(azure.server, fakeCredential({ tid: other })), { ...PLAN, grantAdminConsent: true });
    expect(statuses(results)).toEqual({
      'signed in': 'passed',
      'tenant matches azure_tenant_id': 'failed',
      'subscription matches azure_subscription_id': 'failed',
      'Azure RBAC rights to deploy': 'failed',
      'Entra ID rights to create the application': 'failed',
      'rights to grant admin consent': 'failed',
      'resource providers registered': 'failed',
      'namespace name available': 'failed',
      'Standard offered in eastus': 'failed',
      'Azure Policy allows the namespace': 'failed',
      "no application with the guide's name": 'failed',
    });
    expect(findCheck(results, 'tenant matches azure_tenant_id').fix).toBe(`az login --tenant ${TENANT} (or correct azure_tenant_id)`);
    expect(findCheck(results, 'Azure RBAC rights to deploy').detail).toBe(
      'not allowed on resource group SCWX-TDR-RG: Microsoft.EventHub/namespaces/write, Microsoft.EventHub/namespaces/eventhubs/write, Microsoft.EventHub/namespaces/eventhubs/consumergroups/write, Microsoft.EventHub/namespaces/eventhubs/authorizationRules/write, Microsoft.EventHub/namespaces/eventhubs/authorizationRules/listkeys/action',
    );
    expect(findCheck(results, 'resource providers registered').fix).toBe('az provider register --namespace Microsoft.EventHub');
    expect(findCheck(results, 'namespace name available').detail).toContain('is taken outside resource group SCWX-TDR-RG (NameInUse');
    expect(findCheck(results, 'namespace name available').fix).toMatch(/choose another client_name/);
    expect(findCheck(results, 'Azure Policy allows the namespace').detail).toBe(
      'location denied by assignment allowed-locations, policy e56962a6-4747-49cd-b67b-bf8b01975c4c (allowed: westeurope, northeurope); ' +
        'properties.disableLocalAuth denied by assignment deny-eventhub-local-auth, policy 5d4e3c65-4873-47be-94f3-6f8b953a3598 (Deny)',
    );
    expect(findCheck(results, "no application with the guide's name").fix).toMatch(
      /adopt_existing = true in xdr.tfvars \(help\/adopting.md\)/,
    );
  });

  test('not checkable: a 403 names the missing permission; Graph refusing names the Graph permission; a 404 subscription fails', async () => {
    azure.server.routes = withRoutes(
      [
        'GET',
        /\/permissions$/i,
        armError(
          403,
          'AuthorizationFailed',
          `The client 'operator@contoso.example' with object id '${OPERATOR}' does not have authorization to perform action 'Microsoft.Authorization/permissions/read' over scope '/subscriptions/${SUBSCRIPTION}/resourceGroups/${r.RG}' or the scope is invalid.`,
        ),
      ],
      [
        'GET',
        /^\/v1\.0\/applications$/,
        r.graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
      ],
      ['GET', /^\/subscriptions\/[^/]+$/i, armError(404, 'SubscriptionNotFound', `The subscription '${SUBSCRIPTION}' could not be found.`)],
    );
    const results = await runPreflight(azure.clients, PLAN);
    // a 404 is an answer, not a failure to ask: the subscription is not there for this identity
    expect(findCheck(results, 'subscription matches azure_subscription_id')).toMatchObject({
      status: 'failed',
      fix: `sign in with an identity that has a role in subscription ${SUBSCRIPTION} (az login), or correct azure_subscription_id`,
    });
    expect(findCheck(results, 'Azure RBAC rights to deploy')).toEqual({
      check: 'Azure RBAC rights to deploy',
      status: 'unknown',
      detail: 'could not be checked: the signed-in identity lacks Microsoft.Authorization/permissions/read (AuthorizationFailed)',
      fix: 'ask for a role that grants Microsoft.Authorization/permissions/read, or have someone who holds one run this',
    });
    expect(findCheck(results, "no application with the guide's name").detail).toBe(
      'could not be checked: the signed-in identity lacks the Microsoft Graph permission Application.Read.All (Authorization_RequestDenied)',
    );
    // without the permissions, registration rights are unknown: an unregistered provider would fail, these are registered
    expect(findCheck(results, 'resource providers registered').status).toBe('passed');
  });

  test("a token from another tenant than the subscription's: one line saying so", async () => {
    azure.server.routes = withRoutes([
      'GET',
      /^\/subscriptions\/[^/]+$/i,
      armError(
        401,
        'InvalidAuthenticationTokenTenant',
        "The access token is from the wrong issuer 'https://sts.windows.net/99999999-2222-3333-4444-555555555555/'.",
      ),
    ]);
    const results = await runPreflight(azure.clients, PLAN);
    expect(findCheck(results, 'subscription matches azure_subscription_id')).toEqual({
      check: 'subscription matches azure_subscription_id',
      status: 'unknown',
      detail:
        "could not be checked: Azure refused the sign-in (InvalidAuthenticationTokenTenant): The access token is from the wrong issuer 'https://sts.windows.net/99999999-2222-3333-4444-555555555555/'.",
      fix: 'sign in again, to the tenant azure_tenant_id names (az login --tenant <azure_tenant_id>)',
    });
  });

  test('429 then success: the SDK waits Retry-After and the check passes', async () => {
    azure.server.routes = withRoutes([
      'POST',
      /checkNameAvailability$/i,
      [armError(429, 'TooManyRequests', 'Rate limit exceeded', { 'Retry-After': '0' }), { body: { nameAvailable: true, reason: 'None' } }],
    ]);
    const results = await runPreflight(azure.clients, PLAN);
    expect(findCheck(results, 'namespace name available').status).toBe('passed');
    expect(azure.server.requests.filter((q) => /checkNameAvailability/.test(q.path))).toHaveLength(2);
  });

  test('paging: permissions and applications are read to the last nextLink', async () => {
    azure.server.routes = withRoutes(
      [
        'GET',
        /\/permissions$/i,
        (q) =>
          q.query.get('page') === '2'
            ? { body: { value: [r.CONTRIBUTOR] } }
            : {
                body: {
                  value: [r.READER],
                  nextLink: `${azure.server.url}/subscriptions/${SUBSCRIPTION}/resourcegroups/${r.RG}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01&page=2`,
                },
              },
      ],
      [
        'GET',
        /^\/v1\.0\/applications$/,
        (q) =>
          q.query.get('$skiptoken')
            ? { body: r.graphList([r.application([])]) }
            : { body: r.graphList([], `${azure.server.url}/v1.0/applications?$skiptoken=X`) },
      ],
    );
    const results = await runPreflight(azure.clients, PLAN);
    expect(findCheck(results, 'Azure RBAC rights to deploy').status).toBe('passed');
    expect(findCheck(results, "no application with the guide's name").status).toBe('failed');
    // run again after the deploy: the application is the one in this deployment's state
    const again = await runPreflight(azure.clients, { ...PLAN, deployedClientId: r.application([]).appId });
    expect(findCheck(again, "no application with the guide's name")).toMatchObject({
      status: 'passed',
      detail: `SCWX-TDR-MDATP-APP (${r.application([]).appId}) is this deployment's own (the client_id in its state)`,
    });
  });

  test('a new resource group: rights from the role assignments on the subscription, policy at subscription scope', async () => {
    azure.server.routes = withRoutes(
      ['HEAD', /\/resourcegroups\/SCWX-TDR-RG$/i, { status: 404 }],
      [
        'GET',
        /\/providers\/Microsoft\.Authorization\/roleAssignments$/i,
        {
          body: {
            value: [
              r.roleAssignment(CONTRIBUTOR_ID),
              r.roleAssignment('acdd72a7-3385-48ef-bd42-f606fba81ae7', `/subscriptions/${SUBSCRIPTION}/resourceGroups/other`),
            ],
          },
        },
      ],
      [
        'GET',
        new RegExp(`/roleDefinitions/${CONTRIBUTOR_ID}$`, 'i'),
        { body: r.roleDefinition(CONTRIBUTOR_ID, 'Contributor', [r.CONTRIBUTOR]) },
      ],
      ['POST', /^\/subscriptions\/[^/]+\/providers\/Microsoft\.PolicyInsights\/checkPolicyRestrictions$/i, { body: r.noRestrictions() }],
    );
    const results = await runPreflight(azure.clients, { ...PLAN, assignsRoles: true });
    // Contributor may create the group and the namespace, not the role assignment
    expect(findCheck(results, 'Azure RBAC rights to deploy')).toMatchObject({
      status: 'failed',
      detail: `not allowed on subscription ${SUBSCRIPTION}: Microsoft.Authorization/roleAssignments/write`,
    });
    expect(findCheck(results, 'Azure Policy allows the namespace').status).toBe('passed');
    const listed = azure.server.requests.find((q) => /roleAssignments$/.test(q.path));
    expect(listed?.query.get('$filter')).toBe(`assignedTo('${OPERATOR}')`);
  });

  test('a taken name in our own resource group is ours (adoption); a dedicated cluster is checked where clusters are offered', async () => {
    azure.server.routes = withRoutes(
      ['POST', /checkNameAvailability$/i, { body: { nameAvailable: false, reason: 'NameInUse', message: 'in use' } }],
      ['GET', new RegExp(`/namespaces/${r.NS}$`, 'i'), { body: r.namespace() }],
      ['GET', /\/clusters\/SCWX-TDR-Cluster-Contoso-eastus$/i, armError(404, 'ResourceNotFound', 'not found')],
      ['GET', /\/availableClusterRegions$/i, { body: { value: [{ location: 'West Europe' }] } }],
    );
    const results = await runPreflight(azure.clients, { ...PLAN, tier: 'Dedicated', clusterName: 'SCWX-TDR-Cluster-Contoso-eastus' });
    expect(findCheck(results, 'namespace name available')).toMatchObject({ status: 'passed' });
    expect(findCheck(results, 'namespace name available').detail).toContain('help/adopting.md');
    expect(findCheck(results, 'cluster name available').status).toBe('passed');
    expect(findCheck(results, 'Dedicated offered in eastus')).toMatchObject({
      status: 'failed',
      fix: 'choose another azure_region; offered: West Europe',
    });
  });

  test('not signed in: one line saying how to sign in, and nothing else is asked of Azure', async () => {
    const credential = {
      getToken: async () => {
        throw Object.assign(new Error('Please run az login'), { name: 'CredentialUnavailableError' });
      },
    };
    const results = await runPreflight(clientsFor(azure.server, credential), PLAN);
    expect(results).toEqual([
      {
        check: 'signed in',
        status: 'failed',
        detail: 'not signed in to Azure',
        fix: 'run az login (Cloud Shell is signed in already), or set the AZURE_* variables of a service principal or workload identity',
      },
    ]);
    expect(azure.server.requests).toHaveLength(0);
  });

  test.each([
    // WindowsDefenderATP's application roles are not Microsoft Graph's: these two may grant them (Microsoft's
    // "Grant tenant-wide admin consent" prerequisites; Graph app roles would need Privileged Role Administrator)
    ['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', 'Application Administrator', 'passed'],
    ['158c047a-c907-4556-b7ef-446551a6b5f7', 'Cloud Application Administrator', 'passed'],
    ['e8611ab8-c189-46e8-94e1-60213ab1f814', 'Privileged Role Administrator', 'passed'],
    ['cf1c38e5-3621-4004-a7cb-879624dced7c', 'Application Developer', 'failed'],
  ])('grant_admin_consent with the directory role %s (%s): %s', async (roleDefinitionId, _role, status) => {
    azure.server.routes = withRoutes([
      'GET',
      /^\/v1\.0\/roleManagement\/directory\/roleAssignments$/,
      { body: r.graphList([{ id: 'x', principalId: OPERATOR, roleDefinitionId, directoryScopeId: '/' }]) },
    ]);
    const results = await runPreflight(clientsFor(azure.server), { ...PLAN, grantAdminConsent: true });
    expect(findCheck(results, 'rights to grant admin consent').status).toBe(status);
    if (status === 'failed') {
      expect(findCheck(results, 'rights to grant admin consent')).toMatchObject({
        detail: expect.stringMatching(
          /holds none of Global Administrator, Privileged Role Administrator, Application Administrator, Cloud Application Administrator$/,
        ),
        fix: 'have such an administrator deploy, or remove grant_admin_consent and have one open azure_consent_url (npm run values prints it)',
      });
    }
  });

  test('an application identity (CI): Graph application permissions from its token', async () => {
    const ci = fakeCredential({
      idtyp: 'app',
      upn: undefined,
      appid: 'c1c1c1c1-0000-4000-8000-000000000001',
      roles: ['Application.ReadWrite.OwnedBy'],
    });
    const results = await runPreflight(clientsFor(azure.server, ci), { ...PLAN, grantAdminConsent: true });
    expect(findCheck(results, 'signed in').detail).toBe(`as application c1c1c1c1-0000-4000-8000-000000000001 in tenant ${TENANT}`);
    expect(findCheck(results, 'Entra ID rights to create the application').status).toBe('passed');
    expect(findCheck(results, 'rights to grant admin consent')).toMatchObject({ status: 'failed' });
  });
});
