import { DEFAULT_SETTINGS, readDeploymentSettings } from '../../../lib/guide/config/settings';

describe('XDR_* deployment settings', () => {
  test('an empty environment gives the secure defaults', () => {
    expect(readDeploymentSettings({})).toEqual({ settings: { ...DEFAULT_SETTINGS }, errors: [] });
  });

  test('every setting is read', () => {
    const { settings, errors } = readDeploymentSettings({
      XDR_ADOPT_EXISTING: 'true',
      XDR_ALLOW_DESTROY: '1',
      XDR_SECRET_ROTATION_DAYS: '90',
      XDR_SECRET_LIFETIME_DAYS: '120',
      XDR_ALERT_EMAIL: 'soc@example.com',
      XDR_ALLOWED_IP_RANGES: '203.0.113.0/24, 198.51.100.7',
      XDR_STATE_RESOURCE_GROUP: 'tfstate-rg',
      XDR_STATE_STORAGE_ACCOUNT: 'tfstate123',
      XDR_STATE_CONTAINER: 'tfstate',
    });
    expect(errors).toEqual([]);
    expect(settings).toEqual({
      adoptExisting: true,
      allowDestroy: true,
      secretRotationDays: 90,
      secretLifetimeDays: 120,
      alertEmail: 'soc@example.com',
      allowedIpRanges: ['203.0.113.0/24', '198.51.100.7'],
      remoteState: {
        resourceGroupName: 'tfstate-rg',
        storageAccountName: 'tfstate123',
        containerName: 'tfstate',
        keyPrefix: 'xdr-defender',
      },
    });
  });

  test.each([
    [{ XDR_ADOPT_EXISTING: 'maybe' }, 'XDR_ADOPT_EXISTING = "maybe": must be true or false (or 1 or 0)'],
    [{ XDR_SECRET_ROTATION_DAYS: '3 months' }, 'XDR_SECRET_ROTATION_DAYS = "3 months": must be a whole number of days'],
    [{ XDR_SECRET_LIFETIME_DAYS: '1000' }, 'XDR_SECRET_LIFETIME_DAYS = 1000: must be a whole number from 1 to 730'],
    [{ XDR_SECRET_LIFETIME_DAYS: '100' }, 'XDR_SECRET_LIFETIME_DAYS = 100: must be longer than XDR_SECRET_ROTATION_DAYS (180)'],
    [{ XDR_SECRET_ROTATION_DAYS: '730' }, 'XDR_SECRET_ROTATION_DAYS = 730: must be a whole number from 1 to 729'],
    [
      { XDR_SECRET_ROTATION_DAYS: 'soon', XDR_SECRET_LIFETIME_DAYS: '100' },
      'XDR_SECRET_ROTATION_DAYS = "soon": must be a whole number of days',
    ],
    [{ XDR_ALERT_EMAIL: 'soc' }, 'XDR_ALERT_EMAIL = "soc": must be one e-mail address'],
    [{ XDR_ALLOWED_IP_RANGES: '10.0.0.0/33' }, 'XDR_ALLOWED_IP_RANGES = "10.0.0.0/33": must be an IPv4 address or CIDR range'],
    [{ XDR_STATE_STORAGE_ACCOUNT: 'acct' }, 'XDR_STATE_RESOURCE_GROUP, XDR_STATE_CONTAINER: must be set too'],
    [
      { XDR_STATE_RESOURCE_GROUP: 'rg', XDR_STATE_STORAGE_ACCOUNT: 'Bad_Account', XDR_STATE_CONTAINER: 'tfstate' },
      'XDR_STATE_STORAGE_ACCOUNT = "Bad_Account": must be 3-24 lower-case letters and digits',
    ],
  ])('%j is refused', (env, message) => {
    const result = readDeploymentSettings(env);
    expect(result.settings).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(message);
  });
});
