import { expect } from 'chai';
import fc from 'fast-check';
import { compileTemplate, matchTemplate } from '../../src/catalog/arn-template.ts';
import { maskVolatile } from '../../src/reduce/volatility.ts';
import { compilePattern, globMatch, substituteVariables, type Token } from '../../src/policy/wildcard.ts';

// Each shortcut the reducer's hot loops take (issue 18) against the plain code it replaced, copied
// here as the reference: the answers must be the same on any input.

function referenceGlob(tokens: readonly Token[], value: string, caseInsensitive: boolean): boolean {
  const chars = Array.from(value);
  const same = (a: string, b: string) => a === b || (caseInsensitive && a.toLowerCase() === b.toLowerCase());
  let t = 0;
  let v = 0;
  let starT = -1;
  let starV = 0;
  while (v < chars.length) {
    const token = tokens[t];
    if (token && (token.kind === 'one' || (token.kind === 'literal' && same(token.char, chars[v]!)))) {
      t++;
      v++;
    } else if (token?.kind === 'star') {
      starT = t++;
      starV = v;
    } else if (starT >= 0) {
      t = starT + 1;
      v = ++starV;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

// Characters that meet every branch: wildcards, escapes, case, astral and lone surrogates.
const char = fc.constantFrom('a', 'A', 'b', '*', '?', '$', '{', '}', ':', '/', '😀', '\uD83D', 'İ', 'ß', '0');
const text = fc.array(char, { maxLength: 12 }).map((c) => c.join(''));

const RULES_REFERENCE: [string, RegExp][] = [
  ['UUID', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi],
  ['timestamp', /\d{4}-\d{2}-\d{2}[T ]\d{2}[:.-]?\d{2}(?:[:.-]?\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g],
  [
    'date',
    /\d{4}-\d{2}-\d{2}|(?<![0-9])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:T?\d{4,6}Z?)?(?![0-9])/g,
  ],
  ['hex token', /(?<![0-9a-z])(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{12,}(?![0-9a-z])/gi],
  [
    'random token',
    /(?<![A-Za-z0-9])(?=[A-Za-z0-9+=_]*[0-9])(?=[A-Za-z0-9+=_]*[A-Z])(?=[A-Za-z0-9+=_]*[a-z])[A-Za-z0-9+=_]{16,}(?![A-Za-z0-9])/g,
  ],
  ['numeric ID', /\d{4,}/g],
];

/** maskVolatile's segment step before the shortcuts (every rule on every part, escapes split off). */
function referenceSegment(segment: string, found: Set<string>): string {
  if (!/[0-9-]|\*\*/.test(segment)) return segment;
  const escape = /\$\{[*?$]\}/g;
  const parts = segment.split(escape);
  const escapes = segment.match(escape) ?? [];
  const masked = parts.map((part) =>
    RULES_REFERENCE.reduce(
      (t, [name, pattern]) =>
        t.replace(pattern, (m) => {
          if (m === '*') return m;
          found.add(name);
          return '*';
        }),
      part,
    ),
  );
  return masked.reduce((out, part, i) => out + part + (escapes[i] ?? ''), '').replace(/\*{2,}/g, '*');
}

const segmentPiece = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    'abcdefab-abcd-abcd-abcd-abcdefabcdef',
    '2026',
    '11',
    '20',
    '2026-11-20T10:00:00Z',
    '20261120',
    '${*}',
    '${$}',
    '**',
    '-',
    '.json',
  ),
  fc.stringMatching(/^[0-9a-f]{10,20}$/),
  fc.stringMatching(/^[A-Za-z0-9+=_]{14,20}$/),
  fc.stringMatching(/^[a-z0-9$*{}-]{0,8}$/),
);

describe('property: hot-loop shortcuts answer as the plain code does', () => {
  it('globMatch indexing the string == matching an array of code points', () => {
    fc.assert(
      fc.property(text, text, fc.boolean(), fc.boolean(), (pattern, value, ci, substitute) => {
        const compiled = compilePattern(pattern, { substitute });
        if (compiled.kind !== 'tokens') return;
        expect(globMatch(compiled.tokens, value, ci)).to.equal(referenceGlob(compiled.tokens, value, ci));
      }),
      { numRuns: 3000 },
    );
  });

  it('substituteVariables without `$` == the compiled tokens written back', () => {
    fc.assert(
      fc.property(text, (pattern) => {
        const compiled = compilePattern(pattern, {});
        const expected =
          compiled.kind === 'tokens'
            ? {
                kind: 'text',
                text: compiled.tokens
                  .map((t) => (t.kind === 'literal' ? t.char : t.kind === 'star' ? '*' : '?'))
                  .join(''),
              }
            : compiled;
        expect(substituteVariables(pattern, {})).to.deep.equal(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('maskVolatile (digit early exit, no-escape shortcut) == every rule on every part', () => {
    fc.assert(
      fc.property(fc.array(fc.array(segmentPiece, { maxLength: 3 }), { maxLength: 5 }), (pieces) => {
        const segments = pieces.map((p) => p.join(''));
        const found = new Set<string>();
        // Date paths are the same code in both: compare segments that are not part of one.
        const got = maskVolatile(segments.join('/'));
        const expected = segments.map((s) => referenceSegment(s, found));
        if (got.found.includes('date path')) return;
        expect(got).to.deep.equal({ text: expected.join('/'), found: [...found].sort() });
      }),
      { numRuns: 3000 },
    );
  });

  it('matchTemplate with its literal pre-check == the template regex alone', () => {
    const templates = [
      'arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}',
      'arn:${Partition}:s3:::${BucketName}/${ObjectName}',
      'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}',
    ].map(compileTemplate);
    const arnPiece = fc.constantFrom(
      'arn:',
      'aws',
      ':s3:',
      ':::',
      ':',
      '/',
      'accesspoint/',
      '/object/',
      'x',
      'log-group:',
      ':log-stream:',
      'logs',
    );
    fc.assert(
      fc.property(fc.array(arnPiece, { maxLength: 10 }), (pieces) => {
        const arn = pieces.join('');
        for (const t of templates) {
          const m = t.regex.exec(arn);
          const expected = m ? Object.fromEntries(t.variables.map((v, i) => [v, m[i + 1] ?? ''])) : undefined;
          expect(matchTemplate(t, arn)).to.deep.equal(expected);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
