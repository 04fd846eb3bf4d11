import { expect } from 'chai';
import { printExplain } from '../../../src/cli/summary.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import type { Arn } from '../../../src/model/identifiers.ts';
import type { PolicyDocument, Statement } from '../../../src/model/policy.ts';
import { fitPolicy } from '../../../src/reduce/limits.ts';

function capture(): { io: CliIo; stderr: () => string } {
  let err = '';
  const io: CliIo = {
    stdout: () => undefined,
    stderr: (t) => void (err += t),
    readStdin: async () => new Uint8Array(),
    now: () => new Date(0),
    stderrIsTty: false,
    stdoutIsTty: false,
    env: {},
  };
  return { io, stderr: () => err };
}

const statement = (service: string, i: number): Statement => ({
  Sid: `${service}${i}`,
  Effect: 'Allow',
  Action: [`${service}:GetThing${i}`],
  Resource: [`arn:aws:${service}:eu-west-1:123456789012:thing/${'x'.repeat(200)}-${i}`],
});

describe('printExplain: a split role says which statements went into which managed policy', () => {
  it('lists each part with its Sids, as fitPolicy packed them', () => {
    const policy: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [statement('sqs', 1), statement('sqs', 2), statement('sns', 1)],
    };
    const fit = fitPolicy(policy, { inlineRoleTotal: 500, managedPolicy: 800, managedPerRole: 10 });
    expect(fit.kind).to.equal('managed');
    if (fit.kind !== 'managed') return;
    const { io, stderr } = capture();
    const principal = 'arn:aws:iam::123456789012:role/r' as Arn;
    const stats = { facts: 0, calls: 0, authorizedFailures: 0, actions: 3, statements: 3 };
    printExplain(io, [{ principal, policy, explain: [], stats, parts: fit.parts }]);
    const lines = stderr()
      .split('\n')
      .filter((l) => l.includes('managed policy'));
    expect(lines).to.have.length(fit.parts.length).and.to.have.length.greaterThan(1);
    const listed = lines.flatMap((l) => l.replace(/^.* of \d+: /, '').split(', ')).sort();
    expect(listed).to.deep.equal(['sns1', 'sqs1', 'sqs2']);
    expect(lines[0]).to.match(new RegExp(`managed policy 1 of ${fit.parts.length}: `));
  });

  it('prints no part line for a role delivered inline', () => {
    const { io, stderr } = capture();
    const principal = 'arn:aws:iam::123456789012:role/r' as Arn;
    const policy: PolicyDocument = { Version: '2012-10-17', Statement: [statement('sqs', 1)] };
    const stats = { facts: 0, calls: 0, authorizedFailures: 0, actions: 1, statements: 1 };
    printExplain(io, [{ principal, policy, explain: [], stats }]);
    expect(stderr()).not.to.include('managed policy');
  });
});
