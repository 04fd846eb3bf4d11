import { expect } from 'chai';
import type { PolicyDocument } from '../../../src/model/policy.ts';
import { evaluateRequest } from '../../../src/policy/evaluate.ts';
import { fitPolicy, policySize } from '../../../src/reduce/limits.ts';
import { widenToFit } from '../../../src/reduce/widen.ts';

function bigPolicy(services: string[], perService: number): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: services.flatMap((svc) =>
      Array.from({ length: perService }, (_, i) => ({
        Sid: `${svc}${i}`,
        Effect: 'Allow' as const,
        Action: [`${svc}:GetThing${i}`],
        Resource: Array.from(
          { length: 8 },
          (_, j) => `arn:aws:${svc}:eu-west-1:123456789012:thing/name-${i}-${j}-padding-padding`,
        ),
      })),
    ),
  };
}

describe('IAM size limits', () => {
  it('measures like IAM: no whitespace', () => {
    expect(policySize({ Version: '2012-10-17', Statement: [] })).to.equal(
      '{"Version":"2012-10-17","Statement":[]}'.length,
    );
  });

  it('keeps a small policy inline', () => {
    expect(fitPolicy(bigPolicy(['s3'], 1)).kind).to.equal('inline');
  });

  it('splits a large policy into managed policies under 6,144 characters, each service kept together', () => {
    const policy = bigPolicy(['s3', 'sqs', 'sns', 'kms', 'dynamodb'], 4);
    expect(policySize(policy)).to.be.greaterThan(10_240);
    const fit = fitPolicy(policy);
    if (fit.kind !== 'managed') expect.fail(fit.kind);
    expect(fit.sizes.every((s) => s <= 6_144)).to.equal(true);
    for (const doc of fit.documents) {
      const services = new Set(doc.Statement.map((s) => s.Action![0]!.split(':')[0]));
      for (const svc of services) {
        expect(
          fit.documents.filter((d) => d.Statement.some((s) => s.Action![0]!.startsWith(`${svc}:`))),
        ).to.have.length(1);
      }
    }
    expect(fit.documents.flatMap((d) => d.Statement)).to.have.length(policy.Statement.length);
  });

  it('says which statements went into which managed policy (for --explain)', () => {
    const policy = bigPolicy(['s3', 'sqs', 'sns', 'kms', 'dynamodb'], 4);
    const fit = fitPolicy(policy);
    if (fit.kind !== 'managed') expect.fail(fit.kind);
    expect(fit.parts).to.have.length(fit.documents.length);
    // Every statement in exactly one part, and each part is exactly its document's statements.
    expect(fit.parts.flatMap((p) => p.statements).sort((a, b) => a - b)).to.deep.equal(
      policy.Statement.map((_, i) => i),
    );
    fit.parts.forEach((part, i) => {
      const inDocument = fit.documents[i]!.Statement.map((st) => policy.Statement.indexOf(st));
      expect([...inDocument].sort((a, b) => a - b)).to.deep.equal(part.statements);
      expect(part.sids).to.deep.equal(part.statements.map((s) => policy.Statement[s]!.Sid));
    });
  });

  it('says when it cannot fit without widening, and --compact widens, listing what it added', () => {
    const policy = bigPolicy(['s3'], 30);
    expect(fitPolicy(policy).kind).to.equal('too-large');
    const { fit, widenings } = widenToFit(policy, {
      inlineRoleTotal: 10_240,
      managedPolicy: 6_144,
      managedPerRole: 10,
    });
    expect(fit.kind).not.to.equal('too-large');
    expect(widenings.length).to.be.greaterThan(0);
    expect(widenings[0]!.added).to.match(/^arn:aws:s3:eu-west-1:123456789012:thing\/name-\d+-\*$/);
    // Widening only ever adds: every original request is still allowed.
    const docs = fit.kind === 'too-large' ? [] : fit.documents;
    for (const s of policy.Statement) {
      for (const r of s.Resource!)
        expect(evaluateRequest(docs, { action: s.Action![0]!, resource: r }).decision).to.equal('allowed');
    }
  });
});
