/** The guide's stack names, apart from app.ts so that commands which only read (npm run values) need not load cdktf. */
export const DEFENDER_INTEGRATION_STACK = 'defender-integration';
export const REPOPULATE_APPLICATION_STACK = 'repopulate-application';
