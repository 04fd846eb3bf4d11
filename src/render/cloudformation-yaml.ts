import YAML, { visit, type Scalar } from 'yaml';

/**
 * Characters a YAML 1.1 reader treats as line breaks (NEL, LS, PS) or that an editor or terminal may
 * act on (C1 controls, bidi overrides, BOM). The yaml library leaves them raw, even in plain scalars.
 */
const INVISIBLE = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * YAML for `value` (plain data: objects, arrays, strings) through the `yaml` library's Document API,
 * never by concatenation, so any string is one scalar. YAML 1.1 rules quote what older readers would
 * take for dates, booleans or numbers (`2012-10-17`, `yes`, `0x10`). Strings holding INVISIBLE
 * characters are double-quoted in JSON form, and those characters written as `\uXXXX` escapes: valid
 * inside a double-quoted scalar, and the only place they can occur once every such string is quoted.
 * Block scalars are off: the library writes `" \n"` as a `|+` block that reads back as `"\n"`, and a
 * quoted string with `\n` escapes is plainer to review anyway.
 */
export function safeYaml(value: unknown): string {
  const doc = new YAML.Document(value, { version: '1.1', aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'string' && hasInvisible(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc
    .toString({ lineWidth: 0, blockQuote: false, doubleQuotedAsJSON: true })
    .replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function hasInvisible(text: string): boolean {
  return new RegExp(INVISIBLE.source).test(text);
}
