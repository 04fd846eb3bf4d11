import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Scalar } from 'yaml';

let yamlLib: typeof Yaml | undefined;

/** The yaml library, loaded on first use: only CloudFormation output needs it (~60 ms of start-up). */
function yaml(): typeof Yaml {
  return (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}

/**
 * Characters a YAML 1.1 reader treats as line breaks (NEL, LS, PS) or that an editor or terminal may
 * act on (C1 controls, bidi overrides, BOM). The yaml library leaves them raw, even in plain scalars.
 */
const INVISIBLE = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Plain scalars some reader may type as something other than a string: anything starting like a
 * number (`0o17` is an int in YAML 1.2 core, `012` octal and `1_000` an int in 1.1, `12:30` a base-60
 * int in 1.1), the null/boolean/merge/value words of either spec, and `.inf`/`.nan`. Quoting a
 * string that needed no quotes costs two characters; leaving one plain that a reader types changes
 * the policy, so the test errs wide.
 */
const MERGE_TAG = 'tag:yaml.org,2002:merge';
const NUMBER_LIKE = /^[-+]?\.?[0-9]/;
const WORDS = /^(?:~|null|true|false|yes|no|on|off|y|n|<<|=|[-+]?\.(?:inf|nan))$/i;

/**
 * YAML for `value` (plain data: objects, arrays, strings) through the `yaml` library's Document API,
 * never by concatenation, so any string is one scalar. A string any YAML 1.1 or 1.2 reader could type
 * (dates, booleans, numbers such as `0o7`, nulls) is double-quoted: see `mayBeTyped`. Strings holding
 * INVISIBLE characters are double-quoted in JSON form, and those characters written as `\uXXXX`
 * escapes: valid inside a double-quoted scalar, and the only place they can occur once every such
 * string is quoted. Block scalars are off: the library writes `" \n"` as a `|+` block that reads back
 * as `"\n"`, and a quoted string with `\n` escapes is plainer to review anyway.
 */
export function safeYaml(value: unknown): string {
  const { Document, visit } = yaml();
  const doc = new Document(value, {
    version: '1.1',
    aliasDuplicateObjects: false,
    // The 1.1 merge tag claims any `<<` string and writes it bare, whatever its quoting: drop it.
    customTags: (tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== MERGE_TAG),
  });
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'string' && (hasInvisible(node.value) || mayBeTyped(node.value)))
        node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc
    .toString({ lineWidth: 0, blockQuote: false, doubleQuotedAsJSON: true })
    .replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The plain-scalar tests of the library's YAML 1.1 and 1.2 (core) schemas: what its readers type. */
let schemaTests: readonly RegExp[] | undefined;

function schemaTestsOf(): readonly RegExp[] {
  const { Document } = yaml();
  return (schemaTests ??= (['1.1', '1.2'] as const).flatMap((version) =>
    new Document(null, { version }).schema.tags.flatMap((tag) =>
      'test' in tag && tag.test instanceof RegExp ? [tag.test] : [],
    ),
  ));
}

/** True when `text`, written plain, could be read as a non-string by a YAML 1.1 or 1.2 reader. */
export function mayBeTyped(text: string): boolean {
  return NUMBER_LIKE.test(text) || WORDS.test(text) || schemaTestsOf().some((test) => test.test(text));
}

function hasInvisible(text: string): boolean {
  return new RegExp(INVISIBLE.source).test(text);
}
