import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { evaluateRequest } from '../../../src/policy/evaluate.ts';
import { parsePolicyDocument } from '../../../src/policy/parse.ts';
import type { PolicyDocument } from '../../../src/model/policy.ts';

interface Case {
  name: string;
  policy: unknown;
  boundary?: unknown;
  request: { action: string; resource: string; context?: Record<string, string | string[]> };
  decision: string;
}

const { cases } = JSON.parse(readFileSync(new URL('../../cases/evaluate.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

function parsed(doc: unknown): PolicyDocument {
  const r = parsePolicyDocument(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.policy;
}

describe('evaluateRequest (test/cases/evaluate.json)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const options = c.boundary ? { boundary: [parsed(c.boundary)] } : {};
      expect(evaluateRequest([parsed(c.policy)], c.request, options).decision).to.equal(c.decision);
    });
  }
});
