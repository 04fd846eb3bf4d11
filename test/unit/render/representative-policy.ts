import type { PolicyDocument } from '../../../src/model/policy.ts';

/** A policy using every element the renderers write: conditions, NotAction, NotResource, principals, IAM variables. */
export const REPRESENTATIVE: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadOwnPrefix',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: ['arn:aws:s3:::orders-bucket/home/${aws:username}/*'],
      Condition: {
        StringEquals: { 'aws:RequestedRegion': ['eu-west-1'], 's3:x-amz-acl': ['private'] },
        Bool: { 'aws:SecureTransport': ['true'] },
      },
    },
    {
      Effect: 'Allow',
      Action: ['dynamodb:Query'],
      Resource: ['arn:aws:dynamodb:eu-west-1:123456789012:table/orders'],
      Condition: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['${aws:PrincipalTag/tenant}*', 'shared'] },
      },
    },
    {
      Sid: 'DenyOutsideMfa',
      Effect: 'Deny',
      NotAction: ['iam:ListMFADevices', 'sts:GetSessionToken'],
      NotResource: ['arn:aws:iam::*:user/${aws:username}'],
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } },
    },
    {
      Sid: 'TrustLambda',
      Effect: 'Allow',
      Principal: { Service: ['lambda.amazonaws.com'], AWS: ['arn:aws:iam::123456789012:root'] },
      Action: ['sts:AssumeRole'],
    },
    {
      Effect: 'Deny',
      Principal: '*',
      NotPrincipal: { AWS: ['arn:aws:iam::123456789012:role/admin'] },
      Action: ['s3:DeleteBucket'],
      Resource: ['*'],
    },
  ],
};
