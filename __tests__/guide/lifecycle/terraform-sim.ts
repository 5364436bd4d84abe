/**
 * A small model of `terraform apply` for the resources the client secrets use, run on a synthesized
 * cdk.tf.json (help/rotation.md). What it models, and where each rule is read:
 * - Expressions: references, timeadd, plantimestamp (the plan's time), timecmp, ==, ?: (Terraform's
 *   functions of the same names).
 * - time_rotating (time 0.13.1 internal/provider/resource_time_rotating.go): Read removes the timer
 *   from state once now is past rotation_rfc3339 (refresh, before the plan); created with rfc3339
 *   (default: now) and rotation_rfc3339 = rfc3339 + rotation_days; id = rfc3339.
 * - terraform_data (terraform internal/builtin/providers/terraform/resource_data.go): a changed
 *   `input` is an in-place Update.
 * - replace_triggered_by (terraform internal/terraform/eval_context_builtin.go,
 *   EvaluateReplaceTriggeredBy): the referenced resource's Update or replacement triggers, its
 *   Create never does.
 * - azuread_application_password (azuread 3.7.0 internal/services/applications/
 *   application_password_resource.go): every argument ForceNew, no Update; start_date is set by Entra
 *   ID at creation; end_date and display_name are Optional+Computed (absent in configuration: kept).
 * - lifecycle.ignore_changes keeps the state's value of an existing resource and does not apply on
 *   create; a replacement is destroy-then-create; resources no longer in the configuration are
 *   destroyed; within one apply, resources are applied in dependency order.
 * Other resource types are not modelled (the secrets do not depend on their changes).
 */

export type Time = number;
const HOUR = 3600_000;

export interface SimResource {
  readonly type: string;
  /** Configuration arguments as last applied (what a plan compares with). */
  readonly args: Record<string, unknown>;
  /** Computed attributes. */
  readonly attrs: Record<string, unknown>;
}

export type SimState = Map<string, SimResource>;

export interface ApplyReport {
  readonly created: string[];
  readonly updated: string[];
  /** Addresses replaced (destroyed, then created anew). */
  readonly replaced: string[];
  readonly destroyed: string[];
  /** Key IDs of the client secrets deleted, with their start dates. */
  readonly deletedSecrets: Array<{ keyId: string; startDate: string }>;
}

export function rfc3339(time: Time): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const MODELLED = ['time_rotating', 'terraform_data', 'azuread_application_password'];

// ---- expressions ----

type Token = { kind: 'str' | 'num' | 'id' | 'op'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) i++;
    else if (c === '"') {
      let text = '';
      i++;
      while (source[i] !== '"') {
        if (source[i] === '\\') i++;
        text += source[i++];
      }
      i++;
      tokens.push({ kind: 'str', text });
    } else if (source.startsWith('==', i)) {
      tokens.push({ kind: 'op', text: '==' });
      i += 2;
    } else if ('(),?:'.includes(c)) {
      tokens.push({ kind: 'op', text: c });
      i++;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^-?\d+/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'num', text: m[0] });
      i += m[0].length;
    } else {
      const m = /^[A-Za-z_][\w.-]*/.exec(source.slice(i));
      if (!m) throw new Error(`cannot read expression at ${source.slice(i)}`);
      tokens.push({ kind: 'id', text: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

function duration(text: string): number {
  const m = /^(-?\d+)h$/.exec(text);
  if (!m) throw new Error(`duration ${text} not modelled`);
  return Number(m[1]) * HOUR;
}

export interface Scope {
  readonly now: Time;
  reference(path: string): unknown;
}

/** Evaluates a `${...}` string of the synthesized JSON (a whole-string template); other values as they are. */
export function evaluate(value: unknown, scope: Scope): unknown {
  if (typeof value !== 'string') return value;
  const m = /^\$\{(.*)\}$/s.exec(value);
  if (!m) return value;
  const tokens = tokenize(m[1]);
  let at = 0;
  const peek = () => tokens[at];
  const take = (text?: string) => {
    const t = tokens[at++];
    if (text !== undefined && t?.text !== text) throw new Error(`expected ${text} in ${value}`);
    return t;
  };
  const primary = (): unknown => {
    const t = take();
    if (t.kind === 'str') return t.text;
    if (t.kind === 'num') return Number(t.text);
    if (t.kind === 'op' && t.text === '(') {
      const v = conditional();
      take(')');
      return v;
    }
    if (peek()?.text === '(') {
      take('(');
      const args: unknown[] = [];
      while (peek().text !== ')') {
        args.push(conditional());
        if (peek().text === ',') take(',');
      }
      take(')');
      switch (t.text) {
        case 'plantimestamp':
          return rfc3339(scope.now);
        case 'timeadd':
          return rfc3339(Date.parse(args[0] as string) + duration(args[1] as string));
        case 'timecmp': {
          const [a, b] = args.map((x) => Date.parse(x as string));
          return a === b ? 0 : a > b ? 1 : -1;
        }
        default:
          throw new Error(`function ${t.text} not modelled`);
      }
    }
    return scope.reference(t.text);
  };
  const equality = (): unknown => {
    const left = primary();
    if (peek()?.text === '==') {
      take('==');
      return left === primary();
    }
    return left;
  };
  const conditional = (): unknown => {
    const test = equality();
    if (peek()?.text !== '?') return test;
    take('?');
    const yes = conditional();
    take(':');
    const no = conditional();
    return test ? yes : no;
  };
  return conditional();
}

// ---- apply ----

interface Planned {
  readonly address: string;
  readonly type: string;
  readonly config: Record<string, any>;
}

/** Resources of the modelled types in dependency order (timers, then records, then secrets; each by its references). */
function ordered(config: any): Planned[] {
  const all: Planned[] = [];
  for (const type of MODELLED) {
    for (const [name, body] of Object.entries(config.resource?.[type] ?? {}))
      all.push({ address: `${type}.${name}`, type, config: body as any });
  }
  // a resource after those it references (the second timer names the first)
  const refersTo = (p: Planned, q: Planned) =>
    JSON.stringify(p.config).includes(`${q.address}.`) || JSON.stringify(p.config).includes(`${q.address}}`);
  return all.sort((a, b) => MODELLED.indexOf(a.type) - MODELLED.indexOf(b.type) || (refersTo(a, b) ? 1 : refersTo(b, a) ? -1 : 0));
}

const COMPUTED_ARGS: Record<string, string[]> = {
  azuread_application_password: ['end_date', 'display_name', 'start_date'],
  time_rotating: ['rfc3339'],
};

let keyCounter = 0;

/**
 * One `terraform apply` of `config` at `now` on `state` (changed in place): refresh, plan, apply.
 * `otherIds` resolves references to resources not modelled (the application's id).
 */
export function apply(config: any, state: SimState, now: Time): ApplyReport {
  const report: ApplyReport = { created: [], updated: [], replaced: [], destroyed: [], deletedSecrets: [] };
  // refresh: time_rotating's Read drops an expired timer
  for (const [address, r] of state) {
    if (r.type === 'time_rotating' && now >= Date.parse(r.attrs.rotation_rfc3339 as string)) state.delete(address);
  }
  const scope: Scope = {
    now,
    reference(path) {
      const [type, name, attr] = path.split('.');
      if (!MODELLED.includes(type)) return `${type}.${name}.${attr}`; // stable value of an unmodelled resource
      const r = state.get(`${type}.${name}`);
      if (r === undefined) throw new Error(`reference to ${path}, not in state`);
      return attr === undefined ? r : (r.attrs[attr] ?? r.args[attr]);
    },
  };
  const changedRecords = new Set<string>();
  const planned = ordered(config);
  for (const p of planned) {
    const lifecycle = p.config.lifecycle ?? {};
    const ignored: string[] = lifecycle.ignore_changes ?? [];
    const args: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(p.config)) {
      if (key === '//' || key === 'lifecycle' || key === 'depends_on' || key === 'provider') continue;
      args[key] =
        raw !== null && typeof raw === 'object'
          ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, evaluate(v, scope)]))
          : evaluate(raw, scope);
    }
    const existing = state.get(p.address);
    let action: 'create' | 'update' | 'replace' | 'none' = 'none';
    if (existing === undefined) action = 'create';
    else {
      const triggered = (lifecycle.replace_triggered_by ?? []).some((ref: string) => changedRecords.has(ref.replace(/^\$\{|\}$/g, '')));
      const keys = new Set([...Object.keys(args), ...Object.keys(existing.args)]);
      const differs = [...keys].filter((key) => {
        if (ignored.includes(key)) return false;
        if (args[key] === undefined && (COMPUTED_ARGS[p.type] ?? []).includes(key)) return false;
        return JSON.stringify(args[key]) !== JSON.stringify(existing.args[key]);
      });
      if (triggered) action = 'replace';
      else if (differs.length > 0) {
        // every password argument and time_rotating's rfc3339 force a new resource; terraform_data and
        // time_rotating's rotation_days update in place
        action = p.type === 'azuread_application_password' || differs.includes('rfc3339') ? 'replace' : 'update';
      }
    }
    if (action === 'none') continue;
    if (action === 'update') {
      // ignored arguments keep the state's value
      const kept = Object.fromEntries(ignored.filter((key) => key in existing!.args).map((key) => [key, existing!.args[key]]));
      const next = { ...args, ...kept };
      const attrs = p.type === 'time_rotating' ? timerAttrs(next, existing!.attrs.rfc3339 as string) : existing!.attrs;
      state.set(p.address, { type: p.type, args: next, attrs });
      report.updated.push(p.address);
      changedRecords.add(p.address);
      continue;
    }
    if (action === 'replace') {
      if (p.type === 'azuread_application_password') {
        report.deletedSecrets.push({ keyId: existing!.attrs.key_id as string, startDate: existing!.attrs.start_date as string });
      }
      state.delete(p.address);
      report.replaced.push(p.address);
      changedRecords.add(p.address);
    } else report.created.push(p.address);
    // create from the full configuration: ignore_changes does not apply
    state.set(p.address, { type: p.type, args, attrs: created(p.type, args, now) });
  }
  // orphans: in state, not in configuration
  const inConfig = new Set(planned.map((p) => p.address));
  for (const [address, r] of [...state]) {
    if (!inConfig.has(address)) {
      if (r.type === 'azuread_application_password') {
        report.deletedSecrets.push({ keyId: r.attrs.key_id as string, startDate: r.attrs.start_date as string });
      }
      state.delete(address);
      report.destroyed.push(address);
    }
  }
  return report;
}

function timerAttrs(args: Record<string, unknown>, rfc: string): Record<string, unknown> {
  return { id: rfc, rfc3339: rfc, rotation_rfc3339: rfc3339(Date.parse(rfc) + (args.rotation_days as number) * 24 * HOUR) };
}

function created(type: string, args: Record<string, unknown>, now: Time): Record<string, unknown> {
  switch (type) {
    case 'time_rotating':
      return timerAttrs(args, (args.rfc3339 as string | undefined) ?? rfc3339(now));
    case 'azuread_application_password': {
      const keyId = `key-${++keyCounter}`;
      const end =
        (args.end_date as string | undefined) ??
        (args.end_date_relative !== undefined ? rfc3339(now + duration(args.end_date_relative as string)) : rfc3339(now + 730 * 24 * HOUR));
      return { key_id: keyId, start_date: rfc3339(now), end_date: end, value: `secret-of-${keyId}` };
    }
    default:
      return {};
  }
}

/** The outputs of `config` on `state` (only whole-expression outputs are evaluated; others as written). */
export function outputs(config: any, state: SimState, now: Time): Record<string, { value: unknown }> {
  const scope: Scope = {
    now,
    reference(path) {
      const [type, name, attr] = path.split('.');
      const r = state.get(`${type}.${name}`);
      return r === undefined ? undefined : (r.attrs[attr] ?? r.args[attr]);
    },
  };
  return Object.fromEntries(
    Object.entries(config.output ?? {}).map(([name, o]: [string, any]) => {
      try {
        return [name, { value: evaluate(o.value, scope) }];
      } catch {
        return [name, { value: o.value }];
      }
    }),
  );
}

/** The state as Terraform writes it (format 4), for the code that reads state files. */
export function stateFile(state: SimState, config: any, now: Time): object {
  return {
    version: 4,
    outputs: outputs(config, state, now),
    resources: [...state].map(([address, r]) => {
      const [type, name] = address.split('.');
      const attributes = { ...r.args, ...r.attrs };
      // terraform_data's input is dynamic: state format 4 holds it as { value, type }
      if (type === 'terraform_data' && 'input' in attributes) attributes.input = { value: attributes.input, type: 'object' };
      return { mode: 'managed', type, name, instances: [{ attributes }] };
    }),
  };
}
