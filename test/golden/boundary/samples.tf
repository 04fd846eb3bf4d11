data "aws_iam_policy_document" "tightrole-boundary" {
  statement {
    sid       = "UsedInSeenAccountsInSeenRegions"
    effect    = "Allow"
    resources = ["*"]

    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
      "kms:Decrypt",
      "kms:GenerateDataKey",
      "lambda:UpdateFunctionConfiguration",
      "secretsmanager:GetSecretValue",
      "sns:Publish",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
      "sqs:ReceiveMessage",
      "sqs:SendMessage",
      "ssm:GetParameter",
      "ssm:GetParametersByPath",
    ]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }

    condition {
      test     = "StringEqualsIfExists"
      variable = "aws:ResourceAccount"
      values   = ["123456789012"]
    }
  }

  statement {
    sid       = "UsedInSeenAccounts"
    effect    = "Allow"
    resources = ["*"]

    actions = [
      "iam:PassRole",
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]

    condition {
      test     = "StringEqualsIfExists"
      variable = "aws:ResourceAccount"
      values   = ["123456789012"]
    }
  }

  statement {
    sid       = "UsedInSeenRegions"
    effect    = "Allow"
    resources = ["*"]

    actions = [
      "cloudwatch:PutMetricData",
      "s3:GetObject",
      "s3:ListBucket",
      "s3:PutObject",
    ]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }

  statement {
    sid       = "DenyPrivilegeEscalation"
    effect    = "Deny"
    resources = ["*"]

    actions = [
      "glue:UpdateDevEndpoint",
      "iam:AddUserToGroup",
      "iam:AttachGroupPolicy",
      "iam:AttachRolePolicy",
      "iam:AttachUserPolicy",
      "iam:CreateAccessKey",
      "iam:CreateLoginProfile",
      "iam:CreatePolicyVersion",
      "iam:DeleteRolePermissionsBoundary",
      "iam:DeleteRolePolicy",
      "iam:DetachRolePolicy",
      "iam:PutGroupPolicy",
      "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy",
      "iam:PutUserPolicy",
      "iam:SetDefaultPolicyVersion",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateLoginProfile",
      "lambda:UpdateFunctionCode",
      "sts:AssumeRole",
    ]
  }

  statement {
    sid           = "DenyIamPassRoleElsewhere"
    effect        = "Deny"
    not_resources = ["arn:aws:iam::123456789012:role/receipt-worker-role"]
    actions       = ["iam:PassRole"]
  }

  statement {
    sid    = "DenyBoundaryRemoval"
    effect = "Deny"

    resources = [
      "arn:aws:iam::123456789012:role/deploy-role",
      "arn:aws:iam::123456789012:role/nightly-report-role",
      "arn:aws:iam::123456789012:role/receipt-worker-role",
      "arn:aws:iam::123456789012:role/service-role/orders-api-role",
    ]

    actions = [
      "iam:DeleteRolePermissionsBoundary",
      "iam:PutRolePermissionsBoundary",
    ]
  }

  statement {
    sid       = "DenyBoundaryPolicyChange"
    effect    = "Deny"
    resources = ["arn:aws:iam::123456789012:policy/tightrole-boundary"]

    actions = [
      "iam:CreatePolicyVersion",
      "iam:DeletePolicy",
      "iam:DeletePolicyVersion",
      "iam:SetDefaultPolicyVersion",
    ]
  }
}

# Set on each role: permissions_boundary = aws_iam_policy.tightrole-boundary.arn
resource "aws_iam_policy" "tightrole-boundary" {
  name        = "tightrole-boundary"
  description = "Permissions boundary by tightrole"
  policy      = data.aws_iam_policy_document.tightrole-boundary.json
}
