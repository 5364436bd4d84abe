import { Construct, IConstruct } from 'constructs';
import { Aspects, Fn, IAspect, Op, TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { destroyGuard } from '../rules/destroy-guard';
import { preventDestroyOf } from '../destroy-guards';
import { checkGuid, failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { checkKnown, isKnown, knownItems, listOf, missingProps } from '../tokens';
import { APPLICATION_DISPLAY_NAME } from '../rules/naming';
import { checkApplicationTags } from '../rules/tags';
import { checkText } from '../rules/text';
import {
  DEFAULT_SECRET_LIFETIME_DAYS,
  DEFAULT_SECRET_ROTATION_DAYS,
  SecretSlot,
  checkSecretGeneration,
  checkSecretSchedule,
  currentSlot,
  slotIssueGeneration,
} from '../rules/secret';

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
   * The rotation counter (help/rotation.md): which of the two client secrets is current (even: the
   * first, odd: the second) and when each was issued. Raising it by one replaces exactly one secret, the
   * older one, and makes its successor current; the secret XDR holds is untouched. Nothing else replaces
   * a secret: no date, no schedule setting.
   * @default 0
   */
  readonly secretGeneration?: number;
  /**
   * Days after a secret's issue when its rotation falls due (`client_secret_rotate_by`): the next
   * deploy should raise `secretGeneration` by one. Only a date in the outputs; it never replaces a secret.
   * @default 180
   */
  readonly secretRotationDays?: number;
  /**
   * Days a new client secret is valid, from its issue: at most 730 (Entra ID's limit) and at least the
   * rotation period plus 30 days, the time to type its successor into XDR. A change applies to secrets
   * issued afterwards; no existing secret is replaced for it.
   * @default 300
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
   * one for another tenant. (The stack's default `time` provider, which the construct declares when the
   * stack has none, is there only to remove the time_rotating timers of earlier releases from a state.)
   * @default the stack's default azuread provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The Entra ID application XDR signs in as (`SCWX-TDR-MDATP-APP`): single tenant, read-only
 * WindowsDefenderATP application roles, a service principal for admin consent, and two client secrets
 * rotated one at a time by an explicit rotation counter (`secretGeneration`, help/rotation.md).
 */
export class XdrApplication extends Construct {
  /** The `azuread_application` (L1) XDR signs in as; also `node.defaultChild`. */
  readonly application: Application;
  /** The application's service principal, which holds the admin consent. */
  readonly servicePrincipal: ServicePrincipal;
  /** Slot 0's client secret: the only one in release 0.1.0, so its address stays as it was. */
  readonly secret: ApplicationPasswordA;
  /** Slot 1's client secret. */
  readonly secondSecret: ApplicationPasswordA;
  /** Per slot, the generation its secret was issued in; a change replaces that slot's secret. */
  readonly secretIssues: readonly [TerraformResource, TerraformResource];
  /** The rotation counter this configuration deploys. */
  readonly secretGeneration: number;
  /** The tenant the application is registered in. */
  readonly tenantId: string;
  /** With `grantAdminConsent`: one assignment per application role, in `XDR_APPLICATION_ROLES` order. */
  readonly consentGrants: readonly AppRoleAssignment[] = [];
  private readonly rotationDays: number;
  private readonly lifetimeDays: number;

  constructor(scope: Construct, id: string, props: XdrApplicationProps) {
    super(scope, id);
    assertNoProblems(validateApplicationProps(props), `XdrApplication ${id}`);
    this.tenantId = props.tenantId;
    // Releases before the rotation counter drove the secrets with time_rotating timers; the first deploy
    // of this release destroys them (state-only objects). Terraform destroys an orphaned resource through
    // its provider (it plans and applies the delete with it), so the stack keeps the pinned time provider
    // declared: without it `terraform init` would fetch whatever version the state's provider address
    // resolves to, unpinned. It configures nothing and costs only that download.
    ensureTimeProvider(this);

    // the application and its service principal (which holds the admin consent); never the secrets
    const guard = destroyGuard(preventDestroyOf(this, props.preventDestroy));
    this.application = new Application(this, 'application', {
      displayName: props.displayName ?? APPLICATION_DISPLAY_NAME,
      signInAudience: 'AzureADMyOrg',
      requiredResourceAccess: [
        {
          resourceAppId: WINDOWS_DEFENDER_ATP_APP_ID,
          resourceAccess: XDR_APPLICATION_ROLES.map((role) => ({ id: role.id, type: 'Role' })),
        },
      ],
      lifecycle: guard,
      tags: props.tags === undefined ? undefined : listOf(props.tags),
      owners: props.owners === undefined ? undefined : listOf(props.owners),
      notes: props.notes,
      serviceManagementReference: props.serviceManagementReference,
    });
    this.servicePrincipal = new ServicePrincipal(this, 'service-principal', {
      clientId: this.application.clientId,
      lifecycle: guard,
    });
    if (props.grantAdminConsent) this.consentGrants = grantApplicationRoles(this, this.servicePrincipal);
    this.secretGeneration = props.secretGeneration ?? 0;
    this.rotationDays = props.secretRotationDays ?? DEFAULT_SECRET_ROTATION_DAYS;
    this.lifetimeDays = props.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS;
    const first = slotSecret(this, 0, 'secret', this.lifetimeDays);
    const second = slotSecret(this, 1, 'second-secret', this.lifetimeDays);
    this.secret = first.password;
    this.secondSecret = second.password;
    this.secretIssues = [first.issue, second.issue];
    this.node.defaultChild = this.application;
    if (props.provider !== undefined) useProvider(this, props.provider);
  }

  /** The secret to enter in XDR: the current slot's, chosen by the rotation counter. */
  get currentSecretValue(): string {
    return this.slotPassword(true).value;
  }

  /** The current secret's ID, as the portal lists it under Certificates & secrets. */
  get currentSecretKeyId(): string {
    return this.slotPassword(true).keyId;
  }

  /** When the current secret stops working. */
  get currentSecretExpiresAt(): string {
    return this.slotPassword(true).endDate;
  }

  /**
   * When the current secret's rotation falls due: its start (set by Entra ID at issue, read back by
   * azuread as `start_date`) plus the rotation period, or, when that is later, lifetime - rotation days
   * before it expires (a secret issued before the lifetime was raised keeps its end date).
   */
  get currentSecretRotateBy(): string {
    const secret = this.slotPassword(true);
    const fromStart = Fn.timeadd(secret.startDate, `${this.rotationDays * 24}h`);
    // a secret issued under a shorter lifetime (end_date is kept) falls due as early as the current
    // schedule needs: lifetime - rotation days before it expires (lib/rules/secret.ts, secretRotateBy)
    const beforeEnd = Fn.timeadd(secret.endDate, `-${(this.lifetimeDays - this.rotationDays) * 24}h`);
    return Fn.conditional(Op.eq(Fn.timecmp(fromStart, beforeEnd), 1), beforeEnd, fromStart);
  }

  /** The other, older secret's ID: the one the next rotation replaces. */
  get previousSecretKeyId(): string {
    return this.slotPassword(false).keyId;
  }

  /** When the other, older secret stops working: XDR must hold the current one before then. */
  get previousSecretExpiresAt(): string {
    return this.slotPassword(false).endDate;
  }

  private slotPassword(current: boolean): ApplicationPasswordA {
    const slot = currentSlot(this.secretGeneration);
    return (current ? slot === 0 : slot === 1) ? this.secret : this.secondSecret;
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
 * One slot: a `terraform_data` holding the generation the slot's secret was issued in, and the secret,
 * replaced when (and only when) that record changes. Terraform semantics relied on:
 * - hashicorp/terraform internal/builtin/providers/terraform/resource_data.go: a changed `input` plans
 *   an in-place Update (only `triggers_replace` forces a new object);
 * - internal/terraform/eval_context_builtin.go, EvaluateReplaceTriggeredBy: a whole-resource reference
 *   in `replace_triggered_by` replaces on that resource's Update, DeleteThenCreate or CreateThenDelete,
 *   never on its Create: adding the records to a deployment of an earlier release replaces no secret.
 * Every argument of azuread_application_password is ForceNew (azuread 3.7.0
 * internal/services/applications/application_password_resource.go, no Update), so the replacement
 * deletes the old secret and creates the new one from this configuration: `ignore_changes` does not
 * apply on create. It keeps an existing secret from being replaced for its end date (`plantimestamp()`
 * moves on every plan; a changed lifetime applies to new secrets), for `end_date_relative` (slot 0's
 * argument in 0.1.0) and for `rotate_when_changed` (the timers of earlier releases).
 */
function slotSecret(app: XdrApplication, slot: SecretSlot, id: string, lifetimeDays: number) {
  const issue = new IssueRecord(app, `${id}-issue`, slotIssueGeneration(app.secretGeneration, slot));
  const password = new SlotPassword(app, id, {
    applicationId: app.application.id,
    displayName: 'XDR integration',
    endDate: Fn.timeadd(Fn.plantimestamp(), `${lifetimeDays * 24}h`),
    lifecycle: {
      ignoreChanges: [...(slot === 0 ? ['end_date', 'end_date_relative'] : ['end_date']), 'rotate_when_changed'],
      replaceTriggeredBy: [`${issue.terraformResourceType}.${issue.friendlyUniqueId}`],
    },
  });
  return { issue, password };
}

/**
 * `terraform_data` (Terraform's built-in resource, no provider) with `input = { generation = n }`. Not
 * cdktf's DataResource: that one checks at every synth that Terraform 1.4 or later is installed, by
 * running `terraform version`, which costs a process per synth and fails a synth on a machine without
 * Terraform; the stacks require Terraform 1.6 or later anyway. The generation is a number, so cdk.tf.json
 * and cdk.tf (`--hcl`) hold the same value and switching formats changes no record.
 */
class IssueRecord extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly generation: number,
  ) {
    super(scope, id, { terraformResourceType: 'terraform_data', terraformGeneratorMetadata: { providerName: 'terraform' } });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { input: { generation: this.generation } };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return this.synthesizeAttributes();
  }
}

/**
 * A client secret whose `replace_triggered_by` Terraform can read in both synthesized formats. Terraform
 * takes each entry as a bare reference (hashicorp/terraform internal/configs/resource.go,
 * decodeReplaceTriggeredBy, and internal/terraform/evaluate_triggers.go: a `"${...}"` template is
 * refused). cdktf writes a resource given there as `"${type.name}"` (hashicorp/terraform-cdk issues
 * 3196, 3532, 3645), so the address is given as a plain string: cdk.tf.json then holds
 * `"terraform_data.x"`, which Terraform parses as an expression, and for cdk.tf (`--hcl`), where a
 * quoted string is no reference, the list is handed to cdktf's HCL renderer as one expression text,
 * which it writes as it is: `[terraform_data.x]`.
 */
class SlotPassword extends ApplicationPasswordA {
  toHclTerraform(): ReturnType<ApplicationPasswordA['toHclTerraform']> {
    const hcl = super.toHclTerraform();
    const resources = hcl.resource as Record<string, Record<string, { lifecycle?: { replace_triggered_by?: unknown } }>> | undefined;
    const lifecycle = resources?.[this.terraformResourceType]?.[this.friendlyUniqueId]?.lifecycle;
    const triggers = lifecycle?.replace_triggered_by;
    if (lifecycle !== undefined && Array.isArray(triggers)) lifecycle.replace_triggered_by = `[${triggers.join(', ')}]`;
    return hcl;
  }
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
    checkKnown('secretGeneration', props.secretGeneration, 'a whole number (it chooses the current secret)'),
    checkKnown('grantAdminConsent', props.grantAdminConsent, 'true or false'),
    checkKnown('preventDestroy', props.preventDestroy, 'true or false'),
  );
  if (unknown.length > 0) return unknown;
  const found = failures(isKnown(props.tenantId) ? checkGuid('tenantId', props.tenantId) : undefined);
  if (props.secretGeneration !== undefined) found.push(...failures(checkSecretGeneration('secretGeneration', props.secretGeneration)));
  found.push(
    ...checkSecretSchedule({
      rotationSetting: 'secretRotationDays',
      rotationDays: props.secretRotationDays,
      lifetimeSetting: 'secretLifetimeDays',
      lifetimeDays: props.secretLifetimeDays,
    }),
  );
  if (props.tags !== undefined) found.push(...checkApplicationTags('tags', knownItems(props.tags)));
  if (isKnown(props.displayName)) {
    found.push(
      ...failures(
        /^\P{Cc}{1,120}$/u.test(props.displayName)
          ? checkText('displayName', props.displayName, 120)
          : problem('displayName', props.displayName, 'must be 1-120 characters with no control characters'),
      ),
    );
  }
  if (isKnown(props.owners)) {
    found.push(...failures(...props.owners.filter((owner) => isKnown(owner)).map((owner) => checkGuid('owners', owner))));
    if (props.owners.length > MAX_APPLICATION_OWNERS) {
      found.push(problem('owners', props.owners, `must list at most ${MAX_APPLICATION_OWNERS} object IDs (${props.owners.length} given)`));
    }
  }
  for (const setting of ['notes', 'serviceManagementReference'] as const) {
    const text = props[setting];
    if (text !== undefined && isKnown(text))
      found.push(
        ...failures(
          text.trim() === ''
            ? problem(setting, text, 'must not be empty; leave it out instead')
            : checkText(setting, text, Number.POSITIVE_INFINITY),
        ),
      );
  }
  return found;
}
