import { AwsError } from '../errors.ts';

/**
 * A list field of an AWS response, validated like any input: absent is empty, anything but a list is
 * an error that names the API and the field (never a TypeError deep in a reader).
 */
export function listField<T>(value: T[] | undefined, api: string, field: string): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AwsError(`${api}: malformed response (${field} is not a list)`);
  return value;
}
