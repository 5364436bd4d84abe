import { DeploymentSettings } from '../config/settings';
import { XdrApplicationProps } from '../../entra/xdr-application';

/** Application props from a tenant and the deployment's secret and destroy settings. */
export function applicationProps(
  tenantId: string,
  settings: Pick<DeploymentSettings, 'secretRotationDays' | 'secretLifetimeDays' | 'allowDestroy' | 'grantAdminConsent'>,
): XdrApplicationProps {
  return {
    tenantId,
    secretRotationDays: settings.secretRotationDays,
    secretLifetimeDays: settings.secretLifetimeDays,
    preventDestroy: !settings.allowDestroy,
    grantAdminConsent: settings.grantAdminConsent,
  };
}
