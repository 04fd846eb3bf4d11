import { UsageError } from '../errors.ts';

/** A SQL string literal: single quotes doubled; control characters refused (no value needs them). */
export function sqlString(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new UsageError(`${JSON.stringify(value)}: control characters are not allowed in a query value`);
  return `'${value.replaceAll("'", "''")}'`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** A double-quoted SQL identifier; only letters, digits and "_" (Glue's own rule) are accepted. */
export function sqlIdentifier(name: string): string {
  if (!IDENTIFIER.test(name))
    throw new UsageError(`${JSON.stringify(name)}: not a valid table or column name (letters, digits, _)`);
  return `"${name}"`;
}

/** `[catalog.][database.]table`, each part quoted. */
export function sqlTableName(name: string): string {
  const parts = name.split('.');
  if (parts.length > 3) throw new UsageError(`--athena ${JSON.stringify(name)}: expected [database.]table`);
  return parts.map(sqlIdentifier).join('.');
}

/** The ID part of an event data store ARN or ID; CloudTrail Lake takes it unquoted after FROM. */
export function eventDataStoreId(value: string): string {
  const id = value.startsWith('arn:') ? value.slice(value.lastIndexOf('/') + 1) : value;
  if (!/^[A-Za-z0-9-]{1,128}$/.test(id)) {
    throw new UsageError(
      `--cloudtrail-lake ${JSON.stringify(value)}: expected an event data store ID or ARN`,
    );
  }
  return id;
}

/** `column IN ('a', 'b')`, or undefined for an empty list (no filter). */
export function inList(column: string, values: readonly string[]): string | undefined {
  return values.length === 0 ? undefined : `${column} IN (${values.map(sqlString).join(', ')})`;
}
