import { expect } from 'chai';
import { tempDir } from '../../support/temp-dir.ts';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { currentFromTerraform } from '../../../src/sources/current-policies-terraform.ts';
import { runCli, SAMPLES } from '../../support/run-cli.ts';

const ROLE = 'arn:aws:iam::123456789012:role/receipt-worker-role';
const doc = (action: string) =>
  `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "${action}", Resource = "*" }] })`;

/** A role with one inline grant, a broad boundary, attached and unattached managed policies. */
const FOLDER = `
resource "aws_iam_role" "worker" {
  name                 = "receipt-worker-role"
  permissions_boundary = aws_iam_policy.boundary.arn
  managed_policy_arns  = ["arn:aws:iam::123456789012:policy/team/listed"]
}
resource "aws_iam_role_policy" "inline" {
  role   = aws_iam_role.worker.id
  policy = ${doc('sqs:ReceiveMessage')}
}
resource "aws_iam_policy" "boundary" {
  name   = "workload-boundary"
  policy = ${doc('*')}
}
resource "aws_iam_policy" "attached" {
  name   = "attached"
  policy = ${doc('sns:Publish')}
}
resource "aws_iam_role_policy_attachment" "attached" {
  role       = aws_iam_role.worker.name
  policy_arn = aws_iam_policy.attached.arn
}
resource "aws_iam_policy" "listed" {
  name   = "listed"
  policy = ${doc('s3:GetObject')}
}
resource "aws_iam_policy" "via_group_attachment" {
  name   = "legacy"
  policy = ${doc('kms:Decrypt')}
}
resource "aws_iam_policy_attachment" "legacy" {
  name       = "legacy"
  roles      = ["receipt-worker-role", "other-role"]
  policy_arn = aws_iam_policy.via_group_attachment.arn
}
resource "aws_iam_policy" "someone_elses" {
  name   = "unattached"
  policy = ${doc('iam:*')}
}
resource "aws_iam_role_policy_attachment" "other" {
  role       = "other-role"
  policy_arn = aws_iam_policy.someone_elses.arn
}
resource "aws_iam_role_policy_attachment" "aws_managed" {
  role       = aws_iam_role.worker.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`;

describe('sources: Terraform current policies follow attachments and boundaries as IAM does', () => {
  it('counts attached policies as grants, the boundary apart, and an unattached policy not at all', async () => {
    const result = await currentFromTerraform([{ path: 'main.tf', text: FOLDER }], ROLE);
    if (!result.ok) expect.fail(result.problems.join('; '));
    const { policies, boundary, notes } = result.value;
    expect(policies.map((p) => [p.kind, p.name])).to.deep.equal([
      ['inline', 'inline'],
      ['managed', 'attached'],
      ['managed', 'listed'],
      ['managed', 'legacy'],
    ]);
    expect(boundary.map((p) => [p.kind, p.name, p.document.Statement[0]!.Action])).to.deep.equal([
      ['boundary', 'workload-boundary', ['*']],
    ]);
    expect(notes).to.include(
      `main.tf: aws_iam_policy.someone_elses: not attached to ${ROLE} in these files; not counted`,
    );
    expect(notes).to.include(
      'main.tf: aws_iam_role_policy_attachment.aws_managed: arn:aws:iam::aws:policy/ReadOnlyAccess is not an aws_iam_policy in these files; not counted',
    );
  });

  it('diff: a permissions boundary caps, it does not count as "allowed today"', async () => {
    const dir = tempDir('tightrole-tfb-');
    try {
      await writeFile(
        join(dir, 'role.tf'),
        `resource "aws_iam_role" "worker" {
  name                 = "receipt-worker-role"
  permissions_boundary = aws_iam_policy.boundary.arn
}
resource "aws_iam_role_policy" "inline" {
  role   = aws_iam_role.worker.id
  policy = ${doc('sqs:ReceiveMessage')}
}
resource "aws_iam_policy" "boundary" {
  name   = "workload-boundary"
  policy = ${doc('sqs:*')}
}
resource "aws_iam_policy" "unattached" {
  name   = "spare"
  policy = ${doc('s3:*')}
}
`,
      );
      const run = await runCli([
        'diff',
        '--cloudtrail',
        join(SAMPLES, 'cloudtrail'),
        '--role',
        'receipt-worker-role',
        '--current',
        dir,
        '--format',
        'json',
        '--jobs',
        '1',
      ]);
      expect(run.code, run.stderr).to.equal(0);
      const out = JSON.parse(run.stdout) as {
        summary: { before: { actions: number } };
        current: { policies: { kind: string }[] };
      };
      expect(out.summary.before.actions).to.equal(1);
      expect(out.current.policies.map((p) => p.kind).sort()).to.deep.equal(['boundary', 'inline']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
