/**
 * Valid, unique names for generated code from untrusted text (role names from logs): Terraform
 * identifiers (letters, digits, `_`, `-`, not starting with a digit) and CloudFormation logical IDs
 * (alphanumeric). Deterministic for the same inputs in the same order.
 */
export function terraformIdentifiers(names: readonly string[]): string[] {
  return unique(names.map(terraformIdentifier), '_');
}

/** `suffix` is one for all names, or one per name (a split part is a `ManagedPolicy` among `Policy`s). */
export function logicalIds(names: readonly string[], suffix: string | readonly string[]): string[] {
  const suffixOf = (i: number) => (typeof suffix === 'string' ? suffix : (suffix[i] ?? ''));
  return unique(
    names.map((n, i) => `${pascal(n) || 'Tightrole'}${suffixOf(i)}`.slice(0, 200)),
    '',
  );
}

/** One Terraform identifier from untrusted text: `[a-z0-9_-]`, at most 64, never starting with a digit. */
export function terraformIdentifier(name: string): string {
  const snake = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  if (snake === '') return 'policy';
  return /^[a-z_]/.test(snake) ? snake : `_${snake}`;
}

/** Alphanumeric PascalCase words of untrusted text (possibly empty). */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function unique(names: string[], separator: string): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; seen.has(candidate.toLowerCase()); n++) candidate = `${name}${separator}${n}`;
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}
