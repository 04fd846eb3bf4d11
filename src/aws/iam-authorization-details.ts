import { GetAccountAuthorizationDetailsCommand, type IAMClient } from '@aws-sdk/client-iam';
import { iamStateFrom, type IamState } from '../audit/iam-state.ts';
import { awsCall } from './errors.ts';
import { pages } from './iam.ts';
import { listField } from './response.ts';

const API = 'IAM GetAccountAuthorizationDetails';

/**
 * Every role with its inline policies, and every managed policy with its versions, read with
 * GetAccountAuthorizationDetails (Filter Role, LocalManagedPolicy, AWSManagedPolicy; paged by Marker).
 * The pages are joined into the `aws iam get-account-authorization-details` shape and read by the
 * same parser as `--iam FILE` (documents arrive URL-encoded; malformed entries are reported).
 */
export async function readIamStateFromApi(client: IAMClient): Promise<IamState> {
  const roles: unknown[] = [];
  const policies: unknown[] = [];
  await pages(async (Marker) => {
    const out = await awsCall(
      { api: API, grant: { action: 'iam:GetAccountAuthorizationDetails', resource: '*' } },
      () =>
        client.send(
          new GetAccountAuthorizationDetailsCommand({
            Filter: ['Role', 'LocalManagedPolicy', 'AWSManagedPolicy'],
            Marker,
          }),
        ),
    );
    roles.push(...listField(out.RoleDetailList, API, 'RoleDetailList'));
    policies.push(...listField(out.Policies, API, 'Policies'));
    return { items: [], next: out.IsTruncated ? out.Marker : undefined };
  });
  return iamStateFrom({ RoleDetailList: roles, Policies: policies }, API);
}
