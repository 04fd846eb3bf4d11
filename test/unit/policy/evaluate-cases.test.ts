import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import type { PolicyDocument, Statement } from '../../../src/model/policy.ts';
import { evaluateRequest, type EvaluationRequest, type StatementRef } from '../../../src/policy/evaluate.ts';
import { parsePolicyDocument } from '../../../src/policy/parse.ts';

/** One row of test/cases/evaluate-*.json; exactly one of `statements` / `policies`. */
interface Case {
  name: string;
  statements?: unknown[];
  policies?: unknown[];
  boundary?: unknown[];
  request: EvaluationRequest;
  decision: string;
  matchedAllow?: StatementRef[];
  matchedDeny?: StatementRef[];
}

const DECISIONS = ['allowed', 'explicit-deny', 'implicit-deny', 'conditional'];
const casesDir = new URL('../../cases/', import.meta.url);
const files = readdirSync(casesDir)
  .filter((f) => /^evaluate-.*\.json$/.test(f))
  .sort();

function parsed(doc: unknown): PolicyDocument {
  const r = parsePolicyDocument(doc);
  if (!r.ok) throw new Error(`case policy does not parse: ${JSON.stringify(r.issues)}`);
  return r.policy;
}

const asDoc = (statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements as Statement[] });

function policiesOf(c: Case): PolicyDocument[] {
  if ((c.statements === undefined) === (c.policies === undefined))
    throw new Error('a case needs exactly one of "statements" and "policies"');
  return c.statements ? [parsed(asDoc(c.statements))] : c.policies!.map(parsed);
}

describe('evaluateRequest (test/cases/evaluate-*.json)', () => {
  it('finds the case tables', () => {
    expect(files.length).to.be.greaterThanOrEqual(4);
  });
  for (const file of files) {
    const { cases } = JSON.parse(readFileSync(new URL(file, casesDir), 'utf8')) as { cases: Case[] };
    describe(file, () => {
      for (const c of cases) {
        it(c.name, () => {
          expect(DECISIONS, 'expected decision').to.include(c.decision);
          const options = c.boundary ? { boundary: [parsed(asDoc(c.boundary))] } : {};
          const result = evaluateRequest(policiesOf(c), c.request, options);
          expect(result.decision).to.equal(c.decision);
          if (c.matchedAllow) expect(result.matchedAllow).to.deep.equal(c.matchedAllow);
          if (c.matchedDeny) expect(result.matchedDeny).to.deep.equal(c.matchedDeny);
        });
      }
    });
  }
});
