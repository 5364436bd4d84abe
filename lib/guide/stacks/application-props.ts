import { DeploymentSettings } from '../config/settings';
import { XdrApplicationProps } from '../../entra/xdr-application';
import { applicationTagList } from '../../rules/tags';

/**
 * Application props from a tenant and the deployment's secret, destroy and tag settings; `stack` picks
 * the rotation counter the synth resolved for that stack (`secretGenerations`).
 */
export function applicationProps(
  tenantId: string,
  settings: Pick<
    DeploymentSettings,
    'secretRotationDays' | 'secretLifetimeDays' | 'secretGeneration' | 'secretGenerations' | 'allowDestroy' | 'grantAdminConsent' | 'tags'
  >,
  stack?: string,
): XdrApplicationProps {
  return {
    tenantId,
    secretGeneration: (stack === undefined ? undefined : settings.secretGenerations?.[stack]) ?? settings.secretGeneration,
    secretRotationDays: settings.secretRotationDays,
    secretLifetimeDays: settings.secretLifetimeDays,
    preventDestroy: !settings.allowDestroy,
    grantAdminConsent: settings.grantAdminConsent,
    tags: settings.tags === undefined ? undefined : applicationTagList(settings.tags),
  };
}
