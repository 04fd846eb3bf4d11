data "aws_iam_policy_document" "orders-api-role-1" {
  statement {
    sid       = "ReadOwnPrefix"
    effect    = "Allow"
    resources = ["arn:aws:s3:::orders-bucket/home/$${aws:username}/*"]

    actions = [
      "s3:GetObject",
      "s3:PutObject",
    ]

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["private"]
    }
  }

  statement {
    effect    = "Allow"
    resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"]
    actions   = ["dynamodb:Query"]

    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"

      values = [
        "$${aws:PrincipalTag/tenant}*",
        "shared",
      ]
    }
  }

  statement {
    sid           = "DenyOutsideMfa"
    effect        = "Deny"
    not_resources = ["arn:aws:iam::*:user/$${aws:username}"]

    not_actions = [
      "iam:ListMFADevices",
      "sts:GetSessionToken",
    ]

    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }

  statement {
    sid     = "TrustLambda"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }

  statement {
    effect    = "Deny"
    resources = ["*"]
    actions   = ["s3:DeleteBucket"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/admin"]
    }
  }
}

resource "aws_iam_policy" "orders-api-role-1" {
  name   = "orders-api-role-1-least-privilege"
  policy = data.aws_iam_policy_document.orders-api-role-1.json
}

resource "aws_iam_role_policy_attachment" "orders-api-role-1" {
  role       = "orders-api-role"
  policy_arn = aws_iam_policy.orders-api-role-1.arn
}

data "aws_iam_policy_document" "orders-api-role-2" {
  statement {
    sid       = "ReadOwnPrefix"
    effect    = "Allow"
    resources = ["arn:aws:s3:::orders-bucket/home/$${aws:username}/*"]

    actions = [
      "s3:GetObject",
      "s3:PutObject",
    ]

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["private"]
    }
  }
}

resource "aws_iam_policy" "orders-api-role-2" {
  name   = "orders-api-role-2-least-privilege"
  policy = data.aws_iam_policy_document.orders-api-role-2.json
}

resource "aws_iam_role_policy_attachment" "orders-api-role-2" {
  role       = "orders-api-role"
  policy_arn = aws_iam_policy.orders-api-role-2.arn
}
