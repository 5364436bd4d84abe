import { Construct, IConstruct } from 'constructs';
import {
  Aspects,
  Fn,
  IAspect,
  Op,
  TerraformDataSource,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Token,
  conditional,
} from 'cdktf';
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { destroyGuard } from '../rules/destroy-guard';
import { preventDestroyOf } from '../destroy-guards';
import { checkGuid, failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { checkKnown, isKnown, knownItems, listOf, missingProps } from '../tokens';
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

/** Props of an `XdrApplication`: the tenant, names, owners, tags and the secret schedule. */
export interface XdrApplicationProps {
  /** Entra ID tenant (directory) ID the application is registered in. */
  readonly tenantId: string;
  /** Display name of the application. @default "SCWX-TDR-MDATP-APP" */
  readonly displayName?: string;
  /**
   * Days after which the next deploy replaces a client secret with a new one. There are two secrets,
   * rotating half this period apart, so a new secret is issued every half period and the one before it
   * stays valid for half a period more (90 days by default): the time to type the new one into XDR.
   * Must be known at synth (the timers are computed from it).
   * @default 180
   */
  readonly secretRotationDays?: number;
  /**
   * Days a client secret is valid, counted from the start of its rotation period. Longer than the
   * rotation period, so a late deploy still finds the old secret working; at most 730 less half the
   * rotation period (a new deployment's second secret first runs for one and a half periods). A change
   * applies to each secret at its next rotation, never replacing a secret early. Must be known at synth.
   * @default 210
   */
  readonly secretLifetimeDays?: number;
  /**
   * Terraform `prevent_destroy` on the application and its service principal (which holds the admin
   * consent): deleting them means a new client ID and secret in XDR and a new consent. The secret
   * itself is never guarded, since rotating it replaces it. Must be known at synth.
   * @default true, or `false` under `setDestroyGuards(scope, false)`
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
  /**
   * Object IDs of the users or service principals that own the application registration (and can
   * manage it without a directory role). Include the principal Terraform runs as: an owner list
   * without it leaves Terraform unable to update the application later.
   * @default no owners set by Terraform
   */
  readonly owners?: readonly string[];
  /** Free-text notes on the application registration, such as who asked for it and why. @default none */
  readonly notes?: string;
  /** Reference into your service or asset management database (a CMDB ID). @default none */
  readonly serviceManagementReference?: string;
  /**
   * The azuread provider every Entra ID resource of the application is created with, such as an aliased
   * one for another tenant. The rotation timers use the stack's default `time` provider.
   * @default the stack's default azuread provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The Entra ID application XDR signs in as (`SCWX-TDR-MDATP-APP`): single tenant, read-only
 * WindowsDefenderATP application roles, a service principal for admin consent, and a client secret
 * that rotates on a schedule through an ordinary deploy.
 */
export class XdrApplication extends Construct {
  /** The `azuread_application` (L1) XDR signs in as; also `node.defaultChild`. */
  readonly application: Application;
  /** The application's service principal, which holds the admin consent. */
  readonly servicePrincipal: ServicePrincipal;
  /** The first client secret: the only one in release 0.1.0, so its address stays as it was. */
  readonly secret: ApplicationPasswordA;
  /** The first secret's rotation timer (`time_rotating`). */
  readonly secretRotation: Rotating;
  /** The second client secret, rotating half a period after the first. */
  readonly secondSecret: ApplicationPasswordA;
  /** The second secret's rotation timer, half a period after the first. */
  readonly secondSecretRotation: Rotating;
  /** The tenant the application is registered in. */
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
      lifecycle: destroyGuard(preventDestroyOf(this, props.preventDestroy)),
      tags: props.tags === undefined ? undefined : listOf(props.tags),
      owners: props.owners === undefined ? undefined : listOf(props.owners),
      notes: props.notes,
      serviceManagementReference: props.serviceManagementReference,
    });
    this.servicePrincipal = new ServicePrincipal(this, 'service-principal', {
      clientId: this.application.clientId,
      lifecycle: destroyGuard(preventDestroyOf(this, props.preventDestroy)),
    });
    if (props.grantAdminConsent) this.consentGrants = grantApplicationRoles(this, this.servicePrincipal);
    const rotationDays = props.secretRotationDays ?? DEFAULT_SECRET_ROTATION_DAYS;
    const lifetimeDays = props.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS;
    this.secretRotation = new Rotating(this, 'secret-rotation', { rotationDays });
    // Its first period ends half a period after the first slot's, and `ignore_changes` keeps it from
    // being recreated when that slot rotates (`rfc3339` forces a new timer in the time provider): after
    // that it renews on its own schedule, always half a period off the first slot.
    this.secondSecretRotation = new Rotating(this, 'second-secret-rotation', {
      rotationDays,
      rfc3339: Fn.timeadd(this.secretRotation.rotationRfc3339, `-${rotationDays * 12}h`),
      lifecycle: { ignoreChanges: ['rfc3339'] },
    });
    // `end_date_relative` (deprecated in azuread 3) was this secret's argument in 0.1.0. Both end
    // date arguments force a new secret, so both are ignored: the secret XDR holds is kept until its
    // timer rotates, and the replacement is planned from this configuration, with `end_date`. (Terraform
    // checks the names against the schema: drop `end_date_relative` when an azuread major removes it.)
    this.secret = slotSecret(this, 'secret', this.secretRotation, lifetimeDays - rotationDays, ['end_date', 'end_date_relative']);
    this.secondSecret = slotSecret(this, 'second-secret', this.secondSecretRotation, lifetimeDays - rotationDays, ['end_date']);
    this.node.defaultChild = this.application;
    if (props.provider !== undefined) useProvider(this, props.provider);
  }

  /** The secret to enter in XDR: the newer of the two, whose timer rotates last. */
  get currentSecretValue(): string {
    return this.newerOrOlder(this.secret.value, this.secondSecret.value, true);
  }

  /** When the current secret stops working. */
  get currentSecretExpiresAt(): string {
    return this.newerOrOlder(this.secret.endDate, this.secondSecret.endDate, true);
  }

  /** The current secret's ID, as the portal lists it under Certificates & secrets. */
  get currentSecretKeyId(): string {
    return this.newerOrOlder(this.secret.keyId, this.secondSecret.keyId, true);
  }

  /** When the previous secret (the one XDR may still hold) stops working. */
  get previousSecretExpiresAt(): string {
    return this.newerOrOlder(this.secret.endDate, this.secondSecret.endDate, false);
  }

  /** The first deploy after this time replaces the previous secret: XDR must hold the current one by then. */
  get previousSecretReplacedAfter(): string {
    return this.newerOrOlder(this.secretRotation.rotationRfc3339, this.secondSecretRotation.rotationRfc3339, false);
  }

  private newerOrOlder(first: string, second: string, newer: boolean): string {
    // timecmp is 1 when its first argument is the later time (`> 0` would not do: cdktf renders a
    // literal 0 operand as `undefined`)
    const firstIsNewer = Op.eq(Fn.timecmp(this.secretRotation.rotationRfc3339, this.secondSecretRotation.rotationRfc3339), 1);
    return Token.asString(newer ? conditional(firstIsNewer, first, second) : conditional(firstIsNewer, second, first));
  }

  /** The application (client) ID to enter in XDR. */
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

/**
 * A client secret replaced whenever its timer rotates, valid until `graceDays` after the rotation
 * date. The end date is ignored once the secret exists: a changed lifetime or rotation period applies
 * at the next rotation instead of replacing a secret XDR may be using.
 */
function slotSecret(app: XdrApplication, id: string, rotation: Rotating, graceDays: number, ignoreChanges: string[]): ApplicationPasswordA {
  return new ApplicationPasswordA(app, id, {
    applicationId: app.application.id,
    displayName: 'XDR integration',
    endDate: Fn.timeadd(rotation.rotationRfc3339, `${graceDays * 24}h`),
    rotateWhenChanged: { rotation: rotation.id },
    lifecycle: { ignoreChanges },
  });
}

/** Every azuread resource and data source under the construct created with the given provider. */
function useProvider(scope: Construct, provider: TerraformProvider): void {
  for (const child of scope.node.findAll()) {
    if (
      (child instanceof TerraformResource || child instanceof TerraformDataSource) &&
      child.terraformResourceType.startsWith('azuread_')
    ) {
      child.provider = provider;
    }
  }
}

/**
 * One default (unaliased) time provider per stack, found by its type rather than by an ID: the stack's
 * own, under whatever ID and whenever declared, else one added as `time` at synth. Deciding at synth,
 * when the tree is complete, lets a stack declare its own TimeProvider after an XdrApplication.
 */
function ensureTimeProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (stacksWithTimeProvider.has(stack)) return;
  stacksWithTimeProvider.add(stack);
  Aspects.of(stack).add(new DefaultTimeProvider());
}

const stacksWithTimeProvider = new WeakSet<TerraformStack>();

class DefaultTimeProvider implements IAspect {
  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    const isDefaultTime = (c: IConstruct) => c instanceof TerraformProvider && c.terraformResourceType === 'time' && c.alias === undefined;
    if (node.node.findAll().some(isDefaultTime)) return;
    new TimeProvider(node, node.node.tryFindChild('time') === undefined ? 'time' : 'time-provider');
  }
}

/** Entra ID allows 100 owners on an application (azuread's `owners` set). */
const MAX_APPLICATION_OWNERS = 100;

/** Every problem with application props; empty when valid. */
export function validateApplicationProps(props: XdrApplicationProps): string[] {
  const missing = missingProps(props, { tenantId: 'the Entra ID tenant (directory) ID the application is registered in' });
  if (missing.length > 0) return missing;
  const unknown = failures(
    checkKnown('secretRotationDays', props.secretRotationDays, 'a whole number of days'),
    checkKnown('secretLifetimeDays', props.secretLifetimeDays, 'a whole number of days'),
    checkKnown('grantAdminConsent', props.grantAdminConsent, 'true or false'),
    checkKnown('preventDestroy', props.preventDestroy, 'true or false'),
  );
  if (unknown.length > 0) return unknown;
  const found = failures(isKnown(props.tenantId) ? checkGuid('tenantId', props.tenantId) : undefined);
  found.push(
    ...checkSecretSchedule({
      rotationSetting: 'secretRotationDays',
      rotationDays: props.secretRotationDays,
      lifetimeSetting: 'secretLifetimeDays',
      lifetimeDays: props.secretLifetimeDays,
    }),
  );
  if (props.tags !== undefined) found.push(...checkApplicationTags('tags', knownItems(props.tags)));
  if (isKnown(props.displayName) && !/^\P{Cc}{1,120}$/u.test(props.displayName)) {
    found.push(problem('displayName', props.displayName, 'must be 1-120 characters with no control characters'));
  }
  if (isKnown(props.owners)) {
    found.push(...failures(...props.owners.filter((owner) => isKnown(owner)).map((owner) => checkGuid('owners', owner))));
    if (props.owners.length > MAX_APPLICATION_OWNERS) {
      found.push(problem('owners', props.owners, `must list at most ${MAX_APPLICATION_OWNERS} object IDs (${props.owners.length} given)`));
    }
  }
  for (const setting of ['notes', 'serviceManagementReference'] as const) {
    const text = props[setting];
    if (text !== undefined && isKnown(text) && text.trim() === '')
      found.push(problem(setting, text, 'must not be empty; leave it out instead'));
  }
  return found;
}
