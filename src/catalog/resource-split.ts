import type { Catalog } from './catalog.ts';
import { compileTemplate, matchTemplate, type ArnTemplate } from './arn-template.ts';
import volatile from './data/volatile-variables.json' with { type: 'json' };

const VOLATILE = new Set(volatile.variables);
const WHOLE = new Set(volatile.whole.variables);
const ENVELOPE = new Set(['Partition', 'Region', 'Account']);

/** An ARN cut where generalization may start: `stable` stays literal, `tail` may become a pattern. */
export interface ArnSplit {
  stable: string;
  tail: string;
  /** The template variable the tail holds (e.g. ObjectName). */
  variable: string;
  /**
   * Where the per-request sub-resource (the ARN's last variable, when volatile) starts in `tail`, and
   * whether it is replaced whole (a log stream). In safe mode the tail is that part (offset 0).
   */
  volatile?: { offset: number; whole: boolean };
}

export type ArnSplitter = (action: string, arn: string) => ArnSplit | undefined;

/**
 * Splits ARNs by the action's resource-type templates. `safe`: only a per-request sub-resource
 * (object key, log stream, execution) at the end of the ARN; `aggressive`: from the first name variable.
 */
export function catalogSplitter(catalog: Catalog, mode: 'safe' | 'aggressive'): ArnSplitter {
  // Each action's templates and split variables, worked out once (the splitter runs per observation
  // when facts are masked at ingest).
  const plans = new Map<string, SplitPlan[]>();
  const plansOf = (action: string): SplitPlan[] => {
    const known = plans.get(action);
    if (known) return known;
    const colon = action.indexOf(':');
    const info = catalog.isLoaded(action.slice(0, colon))
      ? catalog.actionOf(action as `${string}:${string}`)
      : undefined;
    const out: SplitPlan[] = [];
    for (const rt of info?.resourceTypes ?? []) {
      const type = catalog.resourceType(info!.service, rt.name);
      if (!type) continue;
      const template = compileTemplate(type.arn);
      const perRequest = lastVolatile(template.variables);
      const variable = mode === 'safe' ? perRequest : firstName(template.variables);
      out.push({ template, variable, perRequest });
    }
    // Only loaded services are remembered: a service loaded later must not keep an empty plan.
    if (info) plans.set(action, out);
    return out;
  };
  return (action, arn) => {
    for (const { template, variable, perRequest } of plansOf(action)) {
      const values = matchTemplate(template, arn);
      if (!values) continue;
      if (!variable) return undefined;
      const split = splitAt(template.text, values, variable, arn);
      if (!split || !perRequest) return split;
      // The per-request part inside the tail, so aggressive masks it at least as safe does.
      const inner = perRequest === variable ? split : splitAt(template.text, values, perRequest, arn);
      if (!inner || !inner.stable.startsWith(split.stable)) return split;
      return {
        ...split,
        volatile: { offset: inner.stable.length - split.stable.length, whole: WHOLE.has(perRequest) },
      };
    }
    return undefined;
  };
}

interface SplitPlan {
  template: ArnTemplate;
  variable: string | undefined;
  /** The ARN's last variable when it names a per-request sub-resource. */
  perRequest: string | undefined;
}

function lastVolatile(variables: readonly string[]): string | undefined {
  const last = variables.at(-1);
  return last && VOLATILE.has(last) ? last : undefined;
}

function firstName(variables: readonly string[]): string | undefined {
  return variables.find((v) => !ENVELOPE.has(v));
}

/** Template text before a variable, as literal pieces and variable names (parsed once per pair). */
type Prefix = { pieces: { literal?: string; name?: string }[]; exact: boolean } | null;
// By template, then variable: no key string built per ARN.
const prefixes = new Map<string, Map<string, Prefix>>();

function prefixOf(templateText: string, variable: string): Prefix {
  let byVariable = prefixes.get(templateText);
  if (!byVariable) prefixes.set(templateText, (byVariable = new Map()));
  let prefix = byVariable.get(variable);
  if (prefix === undefined) {
    const at = templateText.indexOf(`\${${variable}}`);
    const names = [...templateText.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!);
    prefix =
      at < 0
        ? null
        : {
            pieces: templateText
              .slice(0, at)
              .split(/\$\{([A-Za-z0-9_]+)\}/)
              .map((part, i) => (i % 2 === 0 ? { literal: part } : { name: part })),
            // A name used twice: its value is the last match, so the ARN cannot be rebuilt piecewise.
            exact: new Set(names).size === names.length,
          };
    byVariable.set(variable, prefix);
  }
  return prefix;
}

/** The literal text before `variable` (values filled in) is stable; the rest of the ARN is the tail. */
function splitAt(
  templateText: string,
  values: Record<string, string>,
  variable: string,
  arn: string,
): ArnSplit | undefined {
  const prefix = prefixOf(templateText, variable);
  if (!prefix) return undefined;
  let stable = '';
  for (const piece of prefix.pieces) stable += piece.literal ?? values[piece.name!] ?? '';
  // The template matched the whole ARN, so filling every variable rebuilds the ARN itself.
  const full = prefix.exact
    ? arn
    : templateText.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => values[name] ?? '');
  if (!full.startsWith(stable)) return undefined;
  return { stable, tail: full.slice(stable.length), variable };
}
