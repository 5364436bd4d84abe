import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
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
