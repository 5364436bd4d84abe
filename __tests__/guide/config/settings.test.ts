import {
  DEFAULT_SETTINGS,
  DEFAULT_TFVARS,
  DeploymentSettings,
  SETTINGS,
  SettingsResult,
  readDeploymentSettings,
} from '../../../lib/guide/config/settings';

const FILE = 'config/xdr.tfvars';
const fromFile = (values: Record<string, unknown>, env: Record<string, string> = {}): SettingsResult =>
  readDeploymentSettings(env, { path: FILE, values });

/** One valid value of every setting, as the file holds it, as the environment gives it, and as read. */
const EVERY_KEY: Record<string, { file: unknown; env: string; read: Partial<DeploymentSettings> | { tfvars: string } }> = {
  tfvars: { file: 'tenants', env: 'elsewhere/tenants', read: { tfvars: 'config/tenants' } },
  alert_email: { file: 'soc@example.com', env: 'noc@example.com', read: { alertEmail: 'soc@example.com' } },
  allowed_ip_ranges: {
    file: ['203.0.113.0/24', '198.51.100.7'],
    env: '192.0.2.1',
    read: { allowedIpRanges: ['203.0.113.0/24', '198.51.100.7'] },
  },
  xdr_egress_ranges: { file: ['192.0.2.64/26'], env: '192.0.2.128/26', read: { xdrEgressRanges: ['192.0.2.64/26'] } },
  xdr_egress_acknowledged: { file: true, env: 'no', read: { xdrEgressAcknowledged: true } },
  apply_capacity: { file: '2026-12-06T23:50:00Z', env: '2026-12-07T08:00:00Z', read: { applyCapacity: '2026-12-06T23:50:00Z' } },
  secret_rotation_days: { file: 90, env: '60', read: { secretRotationDays: 90 } },
  secret_lifetime_days: { file: 250, env: '120', read: { secretLifetimeDays: 250 } },
  // file only: its environment variable is refused (a test below)
  secret_generation: { file: 3, env: '', read: { secretGeneration: 3 } },
  state_resource_group: { file: 'rg-tfstate', env: 'rg-other', read: {} },
  state_storage_account: { file: 'xdrtfstate01', env: 'xdrtfstate02', read: {} },
  state_container: { file: 'tfstate', env: 'tfstate2', read: {} },
  state_key_prefix: { file: 'customers/contoso', env: 'customers/globex', read: {} },
  adopt_existing: { file: true, env: 'yes', read: { adoptExisting: true } },
  adopt_application_object_id: {
    file: '6d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f',
    env: '7d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f',
    read: { adoptApplicationObjectId: '6d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f' },
  },
  adopt_replacement: { file: true, env: 'no', read: { adoptReplacement: true } },
  tags: { file: { owner: 'soc', 'cost-center': '4711' }, env: '{"owner":"noc"}', read: { tags: { owner: 'soc', 'cost-center': '4711' } } },
  grant_admin_consent: { file: true, env: 'no', read: { grantAdminConsent: true } },
  streaming_api_principal_id: {
    file: '11111111-2222-3333-4444-555555555555',
    env: '21111111-2222-3333-4444-555555555555',
    read: { streamingApiPrincipalId: '11111111-2222-3333-4444-555555555555' },
  },
  // true is refused together with adopt_existing, which this file sets (tested below)
  repopulate_application: { file: false, env: 'no', read: {} },
};
const FULL_FILE = Object.fromEntries(Object.entries(EVERY_KEY).map(([key, v]) => [key, v.file]));
const FULL_ENV = Object.fromEntries(
  SETTINGS.filter((s) => s.persisted && s.fileOnly === undefined).map((s) => [s.env, EVERY_KEY[s.key].env]),
);

describe('repopulate_application', () => {
  test('adds the recovery stack only when given; refused together with adopt_existing, naming both', () => {
    expect(readDeploymentSettings({}).settings?.repopulateApplication).toBeUndefined();
    expect(readDeploymentSettings({ XDR_REPOPULATE_APPLICATION: 'true' }).settings?.repopulateApplication).toBe(true);
    expect(readDeploymentSettings({ XDR_REPOPULATE_APPLICATION: 'true', XDR_ADOPT_EXISTING: 'true' }).errors).toEqual([
      'environment: XDR_REPOPULATE_APPLICATION = "true": is refused together with adopt_existing = true (XDR_ADOPT_EXISTING=true): adoption imports the existing application into defender-integration, and the repopulate-application stack would create a second one; remove one of the two',
    ]);
  });
});

describe('the settings schema', () => {
  test('every setting has a key, an XDR_ name that is the key in upper case (its own xdr_ not repeated), and a description', () => {
    for (const setting of SETTINGS) {
      expect(setting.env).toBe(`XDR_${setting.key.replace(/^xdr_/, '').toUpperCase()}`);
      expect(setting.description.length).toBeGreaterThan(20);
    }
  });

  test('the one-off switches stay in the environment; everything else persists', () => {
    expect(SETTINGS.filter((s) => !s.persisted).map((s) => s.env)).toEqual(['XDR_ALLOW_DESTROY', 'XDR_SETTINGS']);
    expect(SETTINGS.filter((s) => s.persisted).map((s) => s.key)).toEqual(Object.keys(EVERY_KEY));
  });
});

describe('the settings file', () => {
  test('an empty environment and no file give the secure defaults and ./terraform.tfvars', () => {
    expect(readDeploymentSettings({})).toEqual({ settings: { ...DEFAULT_SETTINGS }, tfvars: DEFAULT_TFVARS, errors: [] });
  });

  test.each(Object.entries(EVERY_KEY))('%s is read from the file', (key, { file, read }) => {
    const result = fromFile(
      key === 'adopt_application_object_id' || key === 'adopt_replacement'
        ? { adopt_existing: true, [key]: file }
        : key.startsWith('state_')
          ? FULL_FILE
          : key === 'allowed_ip_ranges' || key.startsWith('xdr_egress')
            ? { allowed_ip_ranges: ['203.0.113.0/24'], xdr_egress_acknowledged: true, [key]: file }
            : { [key]: file },
    );
    expect(result.errors).toEqual([]);
    if ('tfvars' in read) expect(result.tfvars).toBe(read.tfvars);
    else expect(result.settings).toMatchObject(read);
  });

  test('the four state keys make the azurerm backend', () => {
    expect(fromFile(FULL_FILE).settings?.remoteState).toEqual({
      resourceGroupName: 'rg-tfstate',
      storageAccountName: 'xdrtfstate01',
      containerName: 'tfstate',
      keyPrefix: 'customers/contoso',
    });
  });

  test('every key set in the environment wins over the file, one by one', () => {
    const result = fromFile(FULL_FILE, FULL_ENV);
    expect(result.errors).toEqual([]);
    expect(result.tfvars).toBe('elsewhere/tenants'); // from the working folder, as given
    expect(result.settings).toEqual({
      adoptExisting: true,
      adoptApplicationObjectId: '7d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f',
      allowDestroy: false,
      secretRotationDays: 60,
      secretLifetimeDays: 120,
      secretGeneration: 3,
      alertEmail: 'noc@example.com',
      allowedIpRanges: ['192.0.2.1'],
      xdrEgressRanges: ['192.0.2.128/26'],
      applyCapacity: '2026-12-07T08:00:00Z',
      remoteState: {
        resourceGroupName: 'rg-other',
        storageAccountName: 'xdrtfstate02',
        containerName: 'tfstate2',
        keyPrefix: 'customers/globex',
      },
      tags: { owner: 'noc' },
      grantAdminConsent: false,
      streamingApiPrincipalId: '21111111-2222-3333-4444-555555555555',
    });
  });

  test('secret_generation is read from the file only: XDR_SECRET_GENERATION is refused, saying what to run', () => {
    expect(fromFile({ secret_generation: 2 }, { XDR_SECRET_GENERATION: '3' }).errors).toEqual([
      'environment: XDR_SECRET_GENERATION = "3": it decides which secret a deploy replaces, so it is read only from xdr.tfvars: unset XDR_SECRET_GENERATION, then run npm run rotate (it writes the file)',
    ]);
    expect(fromFile({ secret_generation: '2' }).errors).toEqual([
      expect.stringMatching(/: secret_generation = "2": must be a whole number, without quotes$/),
    ]);
    expect(fromFile({ secret_generation: -1 }).errors).toEqual([
      expect.stringMatching(/: secret_generation = -1: must be a whole number from 0 to 1000000$/),
    ]);
  });

  test('an empty environment variable does not clear the file key', () => {
    expect(fromFile({ alert_email: 'soc@example.com' }, { XDR_ALERT_EMAIL: '' }).settings?.alertEmail).toBe('soc@example.com');
  });

  test('a relative tfvars path starts at the settings file folder; an absolute one is kept', () => {
    expect(fromFile({ tfvars: '../customers/acme.tfvars' }).tfvars).toBe('customers/acme.tfvars');
    expect(fromFile({ tfvars: '/srv/acme.tfvars' }).tfvars).toBe('/srv/acme.tfvars');
    expect(readDeploymentSettings({ XDR_TFVARS: 'acme.tfvars' }).tfvars).toBe('acme.tfvars');
  });

  test.each([
    [{ alert_emial: 'soc@example.com' }, `${FILE}: alert_emial = "soc@example.com": is not a setting; did you mean "alert_email"?`],
    [{ tag: { a: 'b' } }, `${FILE}: tag = {"a":"b"}: is not a setting; did you mean "tags"?`],
    [{ eventhub_tier: 'Premium' }, `${FILE}: eventhub_tier = "Premium": is not a setting; the settings are tfvars, alert_email`],
    [JSON.parse('{"__proto__": 1}'), `${FILE}: __proto__ = 1: is not a setting`],
    [
      { allow_destroy: true },
      `${FILE}: allow_destroy = true: is a one-off switch read only from the environment (XDR_ALLOW_DESTROY) for one command, never from a file; remove the line`,
    ],
    [{ settings: 'other.tfvars' }, `${FILE}: settings = "other.tfvars": is a one-off switch`],
  ])('unknown and environment-only keys are refused: %j', (values, message) => {
    const record: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) Object.defineProperty(record, k, { value: v, enumerable: true });
    const result = fromFile(record);
    expect(result.settings).toBeUndefined();
    expect(result.errors).toEqual([expect.stringContaining(message)]);
  });

  test.each([
    [{ alert_email: 42 }, `${FILE}: alert_email = 42: must be a quoted string`],
    [{ adopt_existing: 'true' }, `${FILE}: adopt_existing = "true": must be true or false, without quotes`],
    [{ secret_rotation_days: 1.5 }, `${FILE}: secret_rotation_days = 1.5: must be a whole number of days`],
    [{ allowed_ip_ranges: '203.0.113.7' }, `${FILE}: allowed_ip_ranges = "203.0.113.7": must be a list of quoted strings`],
    [{ allowed_ip_ranges: [] }, `${FILE}: allowed_ip_ranges = []: must list 1-128 ranges (0 given)`],
    [{ tags: ['owner'] }, `${FILE}: tags = ["owner"]: must be a map`],
    [{ tags: { owner: 7 } }, `${FILE}: tags["owner"] = 7: must be a quoted string`],
    [{ streaming_api_principal_id: 'soc-team' }, `${FILE}: streaming_api_principal_id = "soc-team": must be a GUID`],
  ])('values of the wrong kind are refused by key: %j', (values, message) => {
    const result = fromFile(values);
    expect(result.settings).toBeUndefined();
    expect(result.errors).toEqual([expect.stringContaining(message)]);
  });
});

describe('XDR_* environment variables', () => {
  test('every setting is read', () => {
    const { settings, errors } = readDeploymentSettings({
      XDR_ADOPT_EXISTING: 'true',
      XDR_ALLOW_DESTROY: '1',
      XDR_SECRET_ROTATION_DAYS: '90',
      XDR_SECRET_LIFETIME_DAYS: '120',
      XDR_ALERT_EMAIL: 'soc@example.com',
      XDR_ALLOWED_IP_RANGES: '203.0.113.0/24, 198.51.100.7',
      XDR_EGRESS_RANGES: '192.0.2.64/26',
      XDR_STATE_RESOURCE_GROUP: 'tfstate-rg',
      XDR_STATE_STORAGE_ACCOUNT: 'tfstate123',
      XDR_STATE_CONTAINER: 'tfstate',
      XDR_TAGS: '{"owner":"soc"}',
      XDR_GRANT_ADMIN_CONSENT: 'yes',
      XDR_STREAMING_API_PRINCIPAL_ID: '11111111-2222-3333-4444-555555555555',
    });
    expect(errors).toEqual([]);
    expect(settings).toEqual({
      adoptExisting: true,
      allowDestroy: true,
      secretRotationDays: 90,
      secretLifetimeDays: 120,
      alertEmail: 'soc@example.com',
      allowedIpRanges: ['203.0.113.0/24', '198.51.100.7'],
      xdrEgressRanges: ['192.0.2.64/26'],
      remoteState: {
        resourceGroupName: 'tfstate-rg',
        storageAccountName: 'tfstate123',
        containerName: 'tfstate',
        keyPrefix: 'xdr-defender',
      },
      tags: { owner: 'soc' },
      grantAdminConsent: true,
      streamingApiPrincipalId: '11111111-2222-3333-4444-555555555555',
    });
  });

  test('apply_capacity: text asks every namespace, a map (what npm run size -- --write writes) only the namespaces it names', () => {
    const requests = { 'SCWX-TDR-Namespace-Acme-eastus': '2026-12-07T08:00:00Z', 'SCWX-TDR-Namespace-Globex-eastus': 'again' };
    expect(fromFile({ apply_capacity: requests }).settings?.applyCapacity).toEqual(requests);
    expect(fromFile({ apply_capacity: 'now' }).settings?.applyCapacity).toBe('now');
    // a key that cannot be a namespace name, and a request that is not text: each named, nothing read
    const refused = fromFile({ apply_capacity: { 'Acme eastus': 'now', 'SCWX-TDR-Namespace-Acme-eastus': 7 } });
    expect(refused.settings).toBeUndefined();
    expect(refused.errors).toEqual([
      expect.stringMatching(
        /^config\/xdr\.tfvars: apply_capacity key = "Acme eastus": an Event Hubs namespace name must be 6-50 letters, digits or hyphens/,
      ),
      'config/xdr.tfvars: apply_capacity["SCWX-TDR-Namespace-Acme-eastus"] = 7: must be a quoted string',
    ]);
    // the environment gives text only: a request for every namespace, for one command
    expect(fromFile({ apply_capacity: requests }, { XDR_APPLY_CAPACITY: '{"a":"b"}' }).settings?.applyCapacity).toBe('{"a":"b"}');
  });

  test('unknown XDR_* names are refused with a did-you-mean; other variables are not ours to judge', () => {
    const result = readDeploymentSettings({ XDR_ALLOWED_IP_RANGE: '203.0.113.7', XDR_WHATEVER_ELSE_AT_ALL: '1', HOME: '/root' });
    expect(result.settings).toBeUndefined();
    expect(result.errors).toEqual([
      'environment: XDR_ALLOWED_IP_RANGE: is not an XDR setting; did you mean "XDR_ALLOWED_IP_RANGES"?',
      expect.stringMatching(/^environment: XDR_WHATEVER_ELSE_AT_ALL: is not an XDR setting; the settings are XDR_TFVARS, /),
    ]);
  });

  test.each([
    [{ XDR_ADOPT_EXISTING: 'maybe' }, 'XDR_ADOPT_EXISTING = "maybe": must be true or false (or 1 or 0)'],
    [{ XDR_SECRET_ROTATION_DAYS: '3 months' }, 'XDR_SECRET_ROTATION_DAYS = "3 months": must be a whole number of days'],
    [{ XDR_SECRET_LIFETIME_DAYS: '1000' }, 'XDR_SECRET_LIFETIME_DAYS = 1000: must be a whole number from 1 to 730'],
    [{ XDR_SECRET_LIFETIME_DAYS: '100' }, 'XDR_SECRET_LIFETIME_DAYS = 100: must be at least XDR_SECRET_ROTATION_DAYS (180) + 30'],
    [{ XDR_SECRET_ROTATION_DAYS: '730' }, 'XDR_SECRET_ROTATION_DAYS = 730: must be a whole number from 1 to 700'],
    [
      { XDR_SECRET_ROTATION_DAYS: 'soon', XDR_SECRET_LIFETIME_DAYS: '100' },
      'XDR_SECRET_ROTATION_DAYS = "soon": must be a whole number of days',
    ],
    [{ XDR_ALERT_EMAIL: 'soc' }, 'XDR_ALERT_EMAIL = "soc": must be one e-mail address'],
    [{ XDR_ALLOWED_IP_RANGES: '10.0.0.0/33' }, 'XDR_ALLOWED_IP_RANGES = "10.0.0.0/33": must be an IPv4 address or CIDR range'],
    [
      { XDR_STATE_STORAGE_ACCOUNT: 'acct' },
      'state_resource_group (XDR_STATE_RESOURCE_GROUP), state_container (XDR_STATE_CONTAINER): must be set too',
    ],
    [
      { XDR_STATE_RESOURCE_GROUP: 'rg', XDR_STATE_STORAGE_ACCOUNT: 'Bad_Account', XDR_STATE_CONTAINER: 'tfstate' },
      'XDR_STATE_STORAGE_ACCOUNT = "Bad_Account": must be 3-24 lower-case letters and digits',
    ],
    [{ XDR_TAGS: 'owner=soc' }, 'XDR_TAGS = "owner=soc": must be a JSON object, such as {"cost-center":"4711"}'],
    [{ XDR_GRANT_ADMIN_CONSENT: 'please' }, 'XDR_GRANT_ADMIN_CONSENT = "please": must be true or false'],
  ])('%j is refused', (env, message) => {
    const result = readDeploymentSettings(env);
    expect(result.settings).toBeUndefined();
    expect(result.errors).toEqual([expect.stringContaining(message)]);
  });
});

describe('input hygiene on settings (issue 12: injection, traversal, silent defaults)', () => {
  const refused = (env: Record<string, string>) => {
    const result = readDeploymentSettings(env);
    expect(result.settings).toBeUndefined();
    return result.errors;
  };

  test.each([
    ['a template sequence', '${file("/etc/passwd")}@example.com', 'must not contain "${" or "%{"'],
    ['a %{ directive', '%{ if true }x%{ endif }@example.com', 'must not contain "${" or "%{"'],
    ['a right-to-left override', 'soc\u202emoc.elpmaxe@example.com', 'must not contain control or invisible characters (found U+202E)'],
    ['an ANSI escape', 'soc\u001b[2J@example.com', '(found U+001B)'],
    ['a Hangul filler', 'soc\u3164@example.com', '(found U+3164)'],
    ['a no-break space', 'soc\u00a0@example.com', '(found U+00A0)'],
    ['100,000 characters', `${'a'.repeat(100_000)}@example.com`, 'must be at most 254 characters'],
  ])('XDR_ALERT_EMAIL with %s is refused before it reaches the action group', (_label, address, message) => {
    const errors = refused({ XDR_ALERT_EMAIL: address });
    expect(errors).toEqual([expect.stringContaining(message)]);
    expect(errors[0]).toMatch(/^environment: XDR_ALERT_EMAIL = "/);
    expect(errors[0].length).toBeLessThan(300);
    expect(errors[0]).not.toMatch(/[\u0000-\u001f\u202e\u3164]/);
  });

  test('the same rule holds for a value from the file and for every string setting', () => {
    for (const setting of SETTINGS.filter((s) => s.kind === 'text' && s.persisted)) {
      const errors = fromFile({ [setting.key]: 'x${var.y}' }).errors;
      expect(errors).toContainEqual(expect.stringContaining(`${FILE}: ${setting.key} = "x\${var.y}": must not contain "\${"`));
    }
    expect(fromFile({ allowed_ip_ranges: ['203.0.113.7', '%{x}'] }).errors).toEqual([expect.stringContaining('must not contain')]);
    expect(fromFile({ tags: { owner: '${x}' } }).errors).toEqual([expect.stringContaining('tags["owner"] = "${x}": must not contain')]);
    expect(fromFile({ tags: { '${x}': 'y' } }).errors).toEqual([expect.stringContaining('must not contain')]);
  });

  test.each(['../../other-container/x', '/absolute', 'a//b', 'a/../b', './a', 'a/.', 'a b'])(
    'XDR_STATE_KEY_PREFIX=%j cannot leave its folder of the container',
    (prefix) => {
      const errors = refused({
        XDR_STATE_RESOURCE_GROUP: 'rg',
        XDR_STATE_STORAGE_ACCOUNT: 'xdrtfstate01',
        XDR_STATE_CONTAINER: 'tfstate',
        XDR_STATE_KEY_PREFIX: prefix,
      });
      expect(errors).toEqual([expect.stringMatching(/^environment: XDR_STATE_KEY_PREFIX = .*: must/)]);
    },
  );

  test('a key prefix of folders, with or without a trailing slash, is kept', () => {
    for (const prefix of ['customers/contoso', 'customers/contoso/', 'a.b/c-d_e']) {
      const read = readDeploymentSettings({
        XDR_STATE_RESOURCE_GROUP: 'rg',
        XDR_STATE_STORAGE_ACCOUNT: 'xdrtfstate01',
        XDR_STATE_CONTAINER: 'tfstate',
        XDR_STATE_KEY_PREFIX: prefix,
      });
      expect(read.errors).toEqual([]);
      expect(read.settings?.remoteState?.keyPrefix).toBe(prefix);
    }
  });

  test('XDR_STATE_KEY_PREFIX alone is refused, not ignored', () => {
    expect(refused({ XDR_STATE_KEY_PREFIX: 'customers/contoso' })).toEqual([
      'environment: XDR_STATE_KEY_PREFIX = "customers/contoso": is read only with remote state: the azurerm backend needs state_resource_group, state_storage_account, state_container together',
    ]);
  });

  test('the same network listed twice, once as an address and once as a /32, is refused', () => {
    expect(refused({ XDR_ALLOWED_IP_RANGES: '203.0.113.7,203.0.113.7/32' })).toEqual([
      'environment: XDR_ALLOWED_IP_RANGES = "203.0.113.7/32": is the same network as "203.0.113.7", listed before it',
    ]);
    expect(refused({ XDR_ALLOWED_IP_RANGES: '203.0.113.0/24,203.0.113.0/24' })).toEqual([
      'environment: XDR_ALLOWED_IP_RANGES = "203.0.113.0/24": is listed twice',
    ]);
  });

  test('a list of nothing but commas is refused, not read as "every address"', () => {
    expect(refused({ XDR_ALLOWED_IP_RANGES: ' , , ' })).toEqual([
      expect.stringMatching(/^environment: XDR_ALLOWED_IP_RANGES = \[\]: must list 1-128 ranges \(0 given\)/),
    ]);
  });

  test('an out-of-range rotation is reported even when the lifetime cannot be read, as typed', () => {
    expect(refused({ XDR_SECRET_ROTATION_DAYS: '100000000000000000000000', XDR_SECRET_LIFETIME_DAYS: 'forever' })).toEqual([
      'environment: XDR_SECRET_ROTATION_DAYS = "100000000000000000000000": must be a whole number from 1 to 700',
      'environment: XDR_SECRET_LIFETIME_DAYS = "forever": must be a whole number of days',
    ]);
    expect(refused({ XDR_SECRET_ROTATION_DAYS: '0900' })).toEqual([
      'environment: XDR_SECRET_ROTATION_DAYS = "0900": must be a whole number from 1 to 700',
    ]);
  });

  test('a schedule split over file and environment names each part where it came from', () => {
    expect(fromFile({ secret_rotation_days: 300 }, { XDR_SECRET_LIFETIME_DAYS: '250' }).errors).toEqual([
      'environment: XDR_SECRET_LIFETIME_DAYS = 250: must be at least secret_rotation_days (300) + 30, so a secret stays valid 30 days past its rotation date while its successor is typed into XDR',
    ]);
  });
});
