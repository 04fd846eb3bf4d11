import data from './data/resource-alternatives.json' with { type: 'json' };

const ALTERNATIVES = data.actions as Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/**
 * The required resource types a call no longer needs once the record identifies `type`
 * (data/resource-alternatives.json: dynamodb:Query on an index is authorized against the index).
 */
export function typesReplacedBy(action: string, type: string): readonly string[] {
  const byType = Object.hasOwn(ALTERNATIVES, action) ? ALTERNATIVES[action] : undefined;
  return byType && Object.hasOwn(byType, type) ? byType[type]! : [];
}
