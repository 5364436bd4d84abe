import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { destroyGuard } from '../rules/destroy-guard';
import { checkGuid, failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { APPLICATION_DISPLAY_NAME } from '../rules/naming';
import { checkApplicationTags } from '../rules/tags';
import { DEFAULT_SECRET_LIFETIME_DAYS, DEFAULT_SECRET_ROTATION_DAYS, checkSecretSchedule } from '../rules/secret';

/** The WindowsDefenderATP API (Microsoft Defender for Endpoint) in every tenant. */
export const WINDOWS_DEFENDER_ATP_APP_ID = 'fc780465-2017-40d4-a0c5-307022471b92';

/** Application roles the XDR integration is granted: read-only, and only what it reads. */
export const XDR_APPLICATION_ROLES = [
  { value: 'Alert.Read.All', id: '71fe6b80-7034-4028-9ed8-0f316df9c3ff', why: 'read the alerts XDR correlates with the streamed events' },
  { value: 'Machine.Read.All', id: 'ea8291d3-4b9a-44b5-bc3a-6cea3026dc79', why: 'read device details that enrich those alerts' },
] as const;

export interface XdrApplicationProps {
  /** Entra ID tenant (directory) ID the application is registered in. */
  readonly tenantId: string;
  /** @default "SCWX-TDR-MDATP-APP" */
  readonly displayName?: string;
  /**
   * Days after which the next deploy replaces the client secret with a new one.
   * @default 180
   */
  readonly secretRotationDays?: number;
  /**
   * Days a client secret is valid from its creation. Longer than the rotation period, so a late
   * deploy still finds the old secret working; at most 730.
   * @default 210
   */
  readonly secretLifetimeDays?: number;
  /**
   * Terraform `prevent_destroy` on the application and its service principal (which holds the admin
   * consent): deleting them means a new client ID and secret in XDR and a new consent. The secret
   * itself is never guarded, since rotating it replaces it.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Grant the application roles in the deploy (one `azuread_app_role_assignment` per role on the tenant's
   * WindowsDefenderATP service principal), so no administrator has to open the consent URL. The deploying
   * identity then needs an Entra role that may grant application permissions for APIs other than
   * Microsoft Graph: Application Administrator, Cloud Application Administrator, Privileged Role
   * Administrator or Global Administrator.
   * @default false (an administrator opens `consentUrl`, as the guide describes)
   */
  readonly grantAdminConsent?: boolean;
  /**
   * The application's tags (azuread `tags`, Microsoft Graph's `tags` list of strings), such as
   * `["cost-center=4711"]`: updated in place; they replace tags set on the application outside
   * Terraform, and cannot be combined with azuread's `feature_tags`, which this construct does not use.
   * @default no tags (the attribute is left out, so tags set in the portal stay)
   */
  readonly tags?: readonly string[];
}

/**
 * The Entra ID application XDR signs in as (`SCWX-TDR-MDATP-APP`): single tenant, read-only
 * WindowsDefenderATP application roles, a service principal for admin consent, and a client secret
 * that rotates on a schedule through an ordinary deploy.
 */
export class XdrApplication extends Construct {
  readonly application: Application;
  readonly servicePrincipal: ServicePrincipal;
  readonly secret: ApplicationPasswordA;
  readonly secretRotation: Rotating;
  readonly tenantId: string;
  /** With `grantAdminConsent`: one assignment per application role, in `XDR_APPLICATION_ROLES` order. */
  readonly consentGrants: readonly AppRoleAssignment[] = [];

  constructor(scope: Construct, id: string, props: XdrApplicationProps) {
    super(scope, id);
    assertNoProblems(validateApplicationProps(props), `XdrApplication ${id}`);
    this.tenantId = props.tenantId;
    ensureTimeProvider(this);

    this.application = new Application(this, 'application', {
      displayName: props.displayName ?? APPLICATION_DISPLAY_NAME,
      signInAudience: 'AzureADMyOrg',
      requiredResourceAccess: [
        {
          resourceAppId: WINDOWS_DEFENDER_ATP_APP_ID,
          resourceAccess: XDR_APPLICATION_ROLES.map((role) => ({ id: role.id, type: 'Role' })),
        },
      ],
      lifecycle: destroyGuard(props.preventDestroy),
      tags: props.tags === undefined ? undefined : [...props.tags],
    });
    this.servicePrincipal = new ServicePrincipal(this, 'service-principal', {
      clientId: this.application.clientId,
      lifecycle: destroyGuard(props.preventDestroy),
    });
    if (props.grantAdminConsent) this.consentGrants = grantApplicationRoles(this, this.servicePrincipal);
    this.secretRotation = new Rotating(this, 'secret-rotation', {
      rotationDays: props.secretRotationDays ?? DEFAULT_SECRET_ROTATION_DAYS,
    });
    this.secret = new ApplicationPasswordA(this, 'secret', {
      applicationId: this.application.id,
      displayName: 'XDR integration',
      endDateRelative: `${(props.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS) * 24}h`,
      rotateWhenChanged: { rotation: this.secretRotation.id },
    });
  }

  get clientId(): string {
    return this.application.clientId;
  }

  /** Where a Global or Application Administrator grants the roles (the guide's `azure_consent_url`). */
  get consentUrl(): string {
    return `https://login.microsoftonline.com/${this.tenantId}/adminconsent?client_id=${this.application.clientId}`;
  }
}

/**
 * What an administrator's click on the consent URL does: assigns each application role of the
 * WindowsDefenderATP API to the application's service principal. Every argument of
 * azuread_app_role_assignment is ForceNew (azuread 3.7.0,
 * internal/services/approleassignments/app_role_assignment_resource.go), so a new service principal
 * means new assignments, which is what a new consent would be.
 */
function grantApplicationRoles(scope: Construct, servicePrincipal: ServicePrincipal): AppRoleAssignment[] {
  const defenderApi = new DataAzureadServicePrincipal(scope, 'windows-defender-atp', { clientId: WINDOWS_DEFENDER_ATP_APP_ID });
  return XDR_APPLICATION_ROLES.map(
    (role) =>
      new AppRoleAssignment(scope, `consent-${role.value.toLowerCase().replace(/\./g, '-')}`, {
        appRoleId: role.id,
        principalObjectId: servicePrincipal.objectId,
        resourceObjectId: defenderApi.objectId,
      }),
  );
}

/** One time provider per stack, whichever construct asks first. */
function ensureTimeProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (!stack.node.tryFindChild('time')) new TimeProvider(stack, 'time');
}

/** Every problem with application props; empty when valid. */
export function validateApplicationProps(props: XdrApplicationProps): string[] {
  const found = failures(checkGuid('tenantId', props.tenantId));
  found.push(
    ...checkSecretSchedule({
      rotationSetting: 'secretRotationDays',
      rotationDays: props.secretRotationDays,
      lifetimeSetting: 'secretLifetimeDays',
      lifetimeDays: props.secretLifetimeDays,
    }),
  );
  if (props.tags !== undefined) found.push(...checkApplicationTags('tags', props.tags));
  if (props.displayName !== undefined && !/^\P{Cc}{1,120}$/u.test(props.displayName)) {
    found.push(problem('displayName', props.displayName, 'must be 1-120 characters with no control characters'));
  }
  return found;
}
