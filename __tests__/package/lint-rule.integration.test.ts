/** The lint rule that keeps provider package roots out: it must flag every way of loading one, and only those. */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

// Package names held in constants, so that no line of the repository is itself a root import.
const AZURERM = '@cdktf/provider-azurerm';
const AZUREAD = '@cdktf/provider-azuread';

const FORBIDDEN = [
  `import { EventhubNamespace } from '${AZURERM}';`,
  "import * as azuread from '@cdktf/provider-azuread/';",
  "export { Rotating } from '@cdktf/provider-time';",
  "import { provider } from '@cdktf/provider-azurerm/lib';",
  "import '@cdktf/provider-azuread/lib/index.js';",
  `const azurerm = require('${AZURERM}');`,
  "const loadTime = () => import('@cdktf/provider-time');",
  `type Provider = import('${AZUREAD}').provider.AzureadProvider;`,
];
const ALLOWED = [
  "import { Eventhub } from '@cdktf/provider-azurerm/lib/eventhub';",
  "import { TimeProvider } from '@cdktf/provider-time/lib/provider';",
  "import { Application } from '@cdktf/provider-azuread/lib/application';",
];

test('every provider-root import is an error, and deep imports are not', () => {
  const source = [...FORBIDDEN, ...ALLOWED].join('\n');
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', 'lib/probe.ts', '--format', 'json'],
    { cwd: ROOT, input: source, encoding: 'utf8', timeout: 60_000 },
  );
  const [report] = JSON.parse(result.stdout) as Array<{ messages: Array<{ line: number; ruleId: string }> }>;
  const rootImportLines = report.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.line);
  expect([...new Set(rootImportLines)].sort((a, b) => a - b)).toEqual(FORBIDDEN.map((_line, i) => i + 1));
});
