import type { Catalog } from './catalog.ts';
import { compileTemplate, matchTemplate } from './arn-template.ts';
import volatile from './data/volatile-variables.json' with { type: 'json' };

const VOLATILE = new Set(volatile.variables);
const ENVELOPE = new Set(['Partition', 'Region', 'Account']);

/** An ARN cut where generalization may start: `stable` stays literal, `tail` may become a pattern. */
export interface ArnSplit {
  stable: string;
  tail: string;
  /** The template variable the tail holds (e.g. ObjectName). */
  variable: string;
}

export type ArnSplitter = (action: string, arn: string) => ArnSplit | undefined;

/**
 * Splits ARNs by the action's resource-type templates. `safe`: only a per-request sub-resource
 * (object key, log stream, execution) at the end of the ARN; `aggressive`: from the first name variable.
 */
export function catalogSplitter(catalog: Catalog, mode: 'safe' | 'aggressive'): ArnSplitter {
  return (action, arn) => {
    const colon = action.indexOf(':');
    const info = catalog.isLoaded(action.slice(0, colon))
      ? catalog.actionOf(action as `${string}:${string}`)
      : undefined;
    for (const rt of info?.resourceTypes ?? []) {
      const type = catalog.resourceType(info!.service, rt.name);
      if (!type) continue;
      const template = compileTemplate(type.arn);
      const values = matchTemplate(template, arn);
      if (!values) continue;
      const variable = mode === 'safe' ? lastVolatile(template.variables) : firstName(template.variables);
      if (!variable) return undefined;
      return splitAt(template.text, values, variable);
    }
    return undefined;
  };
}

function lastVolatile(variables: readonly string[]): string | undefined {
  const last = variables.at(-1);
  return last && VOLATILE.has(last) ? last : undefined;
}

function firstName(variables: readonly string[]): string | undefined {
  return variables.find((v) => !ENVELOPE.has(v));
}

/** Rebuilds the literal text before `variable`; the rest of the ARN is the tail. */
function splitAt(
  templateText: string,
  values: Record<string, string>,
  variable: string,
): ArnSplit | undefined {
  const at = templateText.indexOf(`\${${variable}}`);
  if (at < 0) return undefined;
  const stable = templateText
    .slice(0, at)
    .replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => values[name] ?? '');
  const full = templateText.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => values[name] ?? '');
  if (!full.startsWith(stable)) return undefined;
  return { stable, tail: full.slice(stable.length), variable };
}
