/** The guide's stack names, apart from app.ts so that commands which only read (npm run values) need not load cdktf. */
/** The name of the main stack (`DefenderIntegrationStack`); a tenant's name prefixes it in a tenants folder. */
export const DEFENDER_INTEGRATION_STACK = 'defender-integration';
/** The name of the `RepopulateApplicationStack`, synthesized only with repopulate_application; a tenant's name prefixes it too. */
export const REPOPULATE_APPLICATION_STACK = 'repopulate-application';

/** A stack's name for a tenant: `<tenant>-<stack>` for a named tenant (a tenants folder), else the stack's own. */
export function tenantStackName(tenantName: string | undefined, stack: string): string {
  return tenantName === undefined ? stack : `${tenantName}-${stack}`;
}
