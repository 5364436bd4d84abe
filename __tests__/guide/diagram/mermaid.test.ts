import { readFileSync } from 'fs';
import * as path from 'path';
import { SynthesizedStack, diagramMarkdown, stackToMermaid } from '../../../lib/guide/diagram/mermaid';
import {
  DEFAULT_DIAGRAM_FILE,
  DOCS_SETTINGS,
  diagramSection,
  renderGuideDiagram,
  shippedTfvars,
  withDiagramSection,
} from '../../../scripts/diagram';
import { DEDICATED, REPLACEMENT, synthDefender } from '../../helpers';

const meta = (p: string) => ({ '//': { metadata: { path: p, uniqueId: p.split('/').pop() } } });

const SMALL: SynthesizedStack = {
  data: { azurerm_resource_group: { rg: { ...meta('stack/rg'), name: 'existing-rg' } } },
  resource: {
    azurerm_eventhub_namespace: {
      ns_1: { ...meta('stack/hub/ns'), name: 'ns "quoted"', resource_group_name: '${data.azurerm_resource_group.rg.name}' },
    },
    azurerm_eventhub: {
      hub_2: { ...meta('stack/hub/hub'), name: 'events', namespace_id: '${azurerm_eventhub_namespace.ns_1.id}' },
    },
    azurerm_monitor_metric_alert: {
      alert_3: {
        name: '${azurerm_eventhub_namespace.ns_1.name}-alert',
        scopes: ['${azurerm_eventhub_namespace.ns_1.id}'],
        description: 'see https://learn.microsoft.com/x.y and ${upper(azurerm_unknown.thing.name)}',
        depends_on: ['azurerm_eventhub.hub_2'],
      },
    },
  },
};

/** The node id Mermaid uses for the node whose label contains `text`. */
function idOf(mermaid: string, text: string): string {
  const line = mermaid.split('\n').find((l) => l.includes(text));
  if (line === undefined) throw new Error(`no node labelled ${text}`);
  return line.trim().split(/[[(]/)[0];
}

describe('stackToMermaid', () => {
  const mermaid = stackToMermaid(SMALL);

  test('one node per resource and data source, labelled with type and Azure name', () => {
    expect(mermaid.startsWith('flowchart LR\n')).toBe(true);
    expect(mermaid).toContain('["azurerm_eventhub<br/>events"]');
    expect(mermaid).toContain('(["data: azurerm_resource_group<br/>existing-rg"])');
    expect(mermaid).toContain('["azurerm_eventhub_namespace<br/>ns #quot;quoted#quot;"]');
    // A name only known after apply falls back to the Terraform name.
    expect(mermaid).toContain('["azurerm_monitor_metric_alert<br/>alert_3"]');
  });

  test('arrows from each block to the blocks that refer to it, from interpolations and depends_on only', () => {
    const id = (text: string) => idOf(mermaid, text);
    const edges = mermaid
      .split('\n')
      .filter((l) => l.includes('-->'))
      .map((l) => l.trim())
      .sort();
    expect(edges).toEqual(
      [
        `${id('existing-rg')} --> ${id('ns #quot;')}`,
        `${id('ns #quot;')} --> ${id('<br/>events')}`,
        `${id('ns #quot;')} --> ${id('alert_3')}`,
        `${id('<br/>events')} --> ${id('alert_3')}`,
      ].sort(),
    );
  });

  test('blocks are framed by the construct that created them', () => {
    const frame = mermaid.slice(mermaid.indexOf('subgraph g1["hub"]'), mermaid.indexOf('  end'));
    expect(frame.split('\n').filter((l) => l.startsWith('    n'))).toHaveLength(2);
    expect(frame).toContain('<br/>events');
    expect(frame).toContain('azurerm_eventhub_namespace');
    expect(mermaid).not.toMatch(/subgraph g\d\["rg"\]/);
  });

  test('the Standard stack: namespace, hub, consumer group, policy, application, with their references', () => {
    const out = stackToMermaid(synthDefender());
    const id = (text: string) => idOf(out, text);
    expect(out).toContain(`${id('SCWX-TDR-RG')} --> ${id('SCWX-TDR-Namespace-CustomerName-eastus')}`);
    expect(out).toContain(`${id('SCWX-TDR-Namespace-CustomerName-eastus')} --> ${id('SCWX-TDR-EventHub')}`);
    expect(out).toContain(`${id('SCWX-TDR-EventHub')} --> ${id('SCWX-TDR-ConsumerGroup')}`);
    expect(out).toContain(`${id('SCWX-TDR-EventHub')} --> ${id('SCWX-TDR-ListenPolicy')}`);
    expect(out).toContain(`${id('SCWX-TDR-MDATP-APP')} --> ${id('azuread_service_principal')}`);
  });

  test('a dedicated stack shows the cluster the namespace sits on; a replacement reads its resource group', () => {
    const dedicated = stackToMermaid(synthDefender(DEDICATED));
    expect(dedicated).toContain(`${idOf(dedicated, 'azurerm_eventhub_cluster')} --> ${idOf(dedicated, 'azurerm_eventhub_namespace')}`);
    const replacement = stackToMermaid(synthDefender(REPLACEMENT));
    expect(replacement).toContain('(["data: azurerm_resource_group<br/>SCWX-TDR-RG"])');
    expect(replacement).not.toContain('azuread_application');
  });
});

describe('the diagram page', () => {
  test('one fenced Mermaid block per stack under the intro', () => {
    const page = diagramMarkdown(
      [
        { name: 'one', stack: SMALL },
        { name: 'two', stack: {} },
      ],
      '## Intro\n',
    );
    expect(page).toMatch(
      /^## Intro\n\n### Stack `one`\n\n```mermaid\nflowchart LR\n[\s\S]+```\n\n### Stack `two`\n\n```mermaid\nflowchart LR\n```\n$/,
    );
  });

  test('the section between the markers is replaced, the rest kept', () => {
    const readme = 'intro\n<!-- diagram:start (npm run diagram) -->\nold\n<!-- diagram:end -->\nrest\n';
    const updated = withDiagramSection(readme, 'new\n');
    expect(updated).toBe('intro\n<!-- diagram:start (npm run diagram) -->\nnew\n<!-- diagram:end -->\nrest\n');
    expect(diagramSection(updated)).toBe('new\n');
    expect(() => withDiagramSection('no markers', 'new\n')).toThrow(`${DEFAULT_DIAGRAM_FILE} has no`);
  });

  test(`${DEFAULT_DIAGRAM_FILE} is what \`npm run diagram -- --update-docs\` makes of the shipped terraform.tfvars (rerun it when this fails)`, async () => {
    const root = path.resolve(__dirname, '../../..');
    const expected = await renderGuideDiagram(shippedTfvars(), DOCS_SETTINGS);
    expect(diagramSection(readFileSync(path.join(root, DEFAULT_DIAGRAM_FILE), 'utf8'))).toBe(expected);
  });
});
