import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { decodeDocument } from '../current/document.ts';
import type { CurrentPolicies, CurrentPolicy, CurrentPolicyKind } from '../current/types.ts';
import { InputError } from '../errors.ts';
import { baseClientConfig, type AwsClientOptions } from './clients.ts';
import { awsCall } from './errors.ts';
import { listField } from './response.ts';

/** An IAM client configured like every other (profile, endpoint, retries); IAM is global. */
export function iamClient(options: AwsClientOptions): IAMClient {
  return new IAMClient(baseClientConfig(options));
}

/**
 * What a role carries today, read from IAM: inline policies (ListRolePolicies + GetRolePolicy),
 * attached managed policies at their default version (ListAttachedRolePolicies + GetPolicy +
 * GetPolicyVersion) and the permissions boundary (GetRole). Pages through Marker/IsTruncated; documents
 * arrive URL-encoded and are decoded. A refusal names the permission to grant.
 */
export async function readRolePoliciesFromIam(client: IAMClient, roleArn: string): Promise<CurrentPolicies> {
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  const call = (api: string, resource = roleArn) => ({
    api: `IAM ${api}`,
    grant: { action: `iam:${api}`, resource },
  });
  const role = await awsCall(call('GetRole'), () => client.send(new GetRoleCommand({ RoleName: roleName })));
  const policies: CurrentPolicy[] = [];
  const notes: string[] = [];
  for (const name of await pages(async (Marker) => {
    const out = await awsCall(call('ListRolePolicies'), () =>
      client.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker })),
    );
    return {
      items: listField(out.PolicyNames, 'IAM ListRolePolicies', 'PolicyNames'),
      next: out.IsTruncated ? out.Marker : undefined,
    };
  })) {
    const out = await awsCall(call('GetRolePolicy'), () =>
      client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name })),
    );
    policies.push(
      toPolicy(out.PolicyDocument, name, 'inline', `IAM GetRolePolicy ${roleName}/${name}`, notes),
    );
  }
  for (const arn of await pages(async (Marker) => {
    const out = await awsCall(call('ListAttachedRolePolicies'), () =>
      client.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker })),
    );
    return {
      items: listField(out.AttachedPolicies, 'IAM ListAttachedRolePolicies', 'AttachedPolicies').flatMap(
        (p) => p.PolicyArn ?? [],
      ),
      next: out.IsTruncated ? out.Marker : undefined,
    };
  }))
    policies.push(await managedPolicy(client, arn, 'managed', notes));
  const boundaryArn = role.Role?.PermissionsBoundary?.PermissionsBoundaryArn;
  const boundary = boundaryArn ? [await managedPolicy(client, boundaryArn, 'boundary', notes)] : [];
  return { policies, boundary, notes };
}

async function managedPolicy(
  client: IAMClient,
  arn: string,
  kind: CurrentPolicyKind,
  notes: string[],
): Promise<CurrentPolicy> {
  const call = (api: string) => ({ api: `IAM ${api}`, grant: { action: `iam:${api}`, resource: arn } });
  const policy = await awsCall(call('GetPolicy'), () =>
    client.send(new GetPolicyCommand({ PolicyArn: arn })),
  );
  const VersionId = policy.Policy?.DefaultVersionId;
  const version = await awsCall(call('GetPolicyVersion'), () =>
    client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId })),
  );
  return toPolicy(
    version.PolicyVersion?.Document,
    arn,
    kind,
    `IAM GetPolicyVersion ${arn} ${VersionId ?? ''}`.trim(),
    notes,
  );
}

function toPolicy(
  document: unknown,
  name: string,
  kind: CurrentPolicyKind,
  origin: string,
  notes: string[],
): CurrentPolicy {
  const result = decodeDocument(document, origin);
  if (!result.ok)
    throw new InputError(`IAM returned a policy tightrole cannot read: ${result.problems.join('; ')}`);
  notes.push(...result.notes);
  return { name, kind, origin, document: result.document };
}

/** Collects every page: `fetch(marker)` returns the page's items and the next marker, if any. */
export async function pages<T>(
  fetch: (marker: string | undefined) => Promise<{ items: T[]; next: string | undefined }>,
): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const { items, next } = await fetch(marker);
    out.push(...items);
    if (!next) return out;
    marker = next;
  }
  return out;
}
