/**
 * A Mermaid flowchart of a synthesized stack (its `cdk.tf.json`): one node per resource and data
 * source, one arrow per reference, boxed by the construct that made them. Pure: it reads JSON, so the
 * picture shows exactly what Terraform will be given, not what the code meant to create.
 */

type Block = Readonly<Record<string, unknown>>;
type BlocksByType = Readonly<Record<string, Readonly<Record<string, Block>>>>;

/** The parts of a synthesized Terraform JSON stack the diagram reads. */
export interface SynthesizedStack {
  /** The stack's `resource` blocks, by type and then by name. */
  readonly resource?: BlocksByType;
  /** The stack's `data` blocks, by type and then by name. */
  readonly data?: BlocksByType;
}

interface DiagramNode {
  /** Terraform address: `type.name` or `data.type.name`. */
  readonly address: string;
  readonly label: string;
  readonly isData: boolean;
  /** The construct that created the block (its path inside the stack), when not the stack itself. */
  readonly group?: string;
  readonly config: Block;
}

/** Every `type.name` or `data.type.name` inside a Terraform interpolation such as `${azurerm_x.y.id}`. */
const INTERPOLATION = /\$\{([^}]*)\}/g;
const ADDRESS = /(?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*/g;

function nodesOf(blocks: BlocksByType | undefined, isData: boolean): DiagramNode[] {
  return Object.entries(blocks ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, config]) => {
      const path = metadataPath(config);
      return {
        address: `${isData ? 'data.' : ''}${type}.${name}`,
        label: `${isData ? 'data: ' : ''}${type}<br/>${displayName(config) ?? path[path.length - 1] ?? name}`,
        isData,
        group: path.length > 2 ? path.slice(1, -1).join('/') : undefined,
        config,
      };
    }),
  );
}

/** cdktf records each block's construct path (`stack/construct/.../id`) in its `//` metadata. */
function metadataPath(config: Block): string[] {
  const path = (config['//'] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
  return typeof path === 'string' ? path.split('/') : [];
}

/** The Azure name the block gives its resource, when it is known before apply. */
function displayName(config: Block): string | undefined {
  const name = config.name ?? config.display_name;
  return typeof name === 'string' && !name.includes('${') ? name : undefined;
}

/** Addresses a block refers to: interpolations anywhere in its arguments, `depends_on` and `replace_triggered_by` (bare addresses). */
function referencesOf(value: unknown, found: Set<string>, key?: string): Set<string> {
  if (typeof value === 'string') {
    if (key === 'depends_on' || key === 'replace_triggered_by') found.add(value);
    for (const [, expression] of value.matchAll(INTERPOLATION)) {
      for (const [address] of expression.matchAll(ADDRESS)) found.add(address);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) referencesOf(item, found, key);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) if (k !== '//') referencesOf(v, found, k);
  }
  return found;
}

const escapeLabel = (text: string): string => text.replace(/"/g, '#quot;');

/**
 * The Mermaid source of one stack. Arrows run from a block to the blocks that refer to it, which is
 * the order Terraform creates them in.
 */
export function stackToMermaid(stack: SynthesizedStack): string {
  // Code-unit order, not localeCompare: the page is compared byte for byte on any machine.
  const nodes = [...nodesOf(stack.resource, false), ...nodesOf(stack.data, true)].sort((a, b) => (a.address < b.address ? -1 : 1));
  const ids = new Map(nodes.map((node, i) => [node.address, i + 1]));
  const shape = (node: DiagramNode): string => {
    const text = `"${escapeLabel(node.label)}"`;
    return `n${ids.get(node.address)}${node.isData ? `([${text}])` : `[${text}]`}`;
  };

  const lines = ['flowchart LR'];
  const groups = [...new Set(nodes.map((n) => n.group).filter((g): g is string => g !== undefined))].sort();
  groups.forEach((group, i) => {
    lines.push(`  subgraph g${i + 1}["${escapeLabel(group)}"]`);
    for (const node of nodes.filter((n) => n.group === group)) lines.push(`    ${shape(node)}`);
    lines.push('  end');
  });
  for (const node of nodes.filter((n) => n.group === undefined)) lines.push(`  ${shape(node)}`);

  const edges: Array<[number, number]> = [];
  for (const node of nodes) {
    const to = ids.get(node.address) as number;
    for (const target of referencesOf(node.config, new Set())) {
      const from = ids.get(target);
      if (from !== undefined && from !== to) edges.push([from, to]);
    }
  }
  edges.sort(([a1, a2], [b1, b2]) => a1 - b1 || a2 - b2);
  lines.push(...edges.map(([from, to]) => `  n${from} --> n${to}`));
  return lines.join('\n');
}

/** A Markdown page with one fenced Mermaid diagram per stack, in the order given. */
export function diagramMarkdown(stacks: ReadonlyArray<{ readonly name: string; readonly stack: SynthesizedStack }>, intro: string): string {
  const sections = stacks.map(({ name, stack }) => `### Stack \`${name}\`\n\n\`\`\`mermaid\n${stackToMermaid(stack)}\n\`\`\`\n`);
  return [intro.trimEnd(), '', ...sections].join('\n');
}
