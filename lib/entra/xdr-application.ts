import { Construct, IConstruct } from 'constructs';
import { Aspects, IAspect, TerraformProvider, TerraformStack } from 'cdktf';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { destroyGuard } from '../rules/destroy-guard';
import { checkGuid, failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { isKnown } from '../tokens';
import { APPLICATION_DISPLAY_NAME } from '../rules/naming';
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
      owners: props.owners === undefined ? undefined : [...props.owners],
      notes: props.notes,
      serviceManagementReference: props.serviceManagementReference,
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
  const found = failures(isKnown(props.tenantId) ? checkGuid('tenantId', props.tenantId) : undefined);
  found.push(
    ...checkSecretSchedule({
      rotationSetting: 'secretRotationDays',
      rotationDays: props.secretRotationDays,
      lifetimeSetting: 'secretLifetimeDays',
      lifetimeDays: props.secretLifetimeDays,
    }),
  );
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
