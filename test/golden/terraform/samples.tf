# Role arn:aws:iam::123456789012:role/deploy-role
data "aws_iam_policy_document" "deploy-role" {
  statement {
    sid       = "Iam084V1LA"
    effect    = "Allow"
    resources = ["arn:aws:iam::123456789012:role/receipt-worker-role"]
    actions   = ["iam:PassRole"]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["lambda.amazonaws.com"]
    }
  }

  statement {
    sid       = "Lambda0UA1IQN"
    effect    = "Allow"
    resources = ["arn:aws:lambda:eu-west-1:123456789012:function:receipt-worker"]
    actions   = ["lambda:UpdateFunctionConfiguration"]
  }
}

resource "aws_iam_role_policy" "deploy-role" {
  name   = "deploy-role-least-privilege"
  role   = "deploy-role"
  policy = data.aws_iam_policy_document.deploy-role.json
}

# Role arn:aws:iam::123456789012:role/nightly-report-role
data "aws_iam_policy_document" "nightly-report-role" {
  statement {
    sid       = "Cloudwatch1FPIKYW"
    effect    = "Allow"
    resources = ["*"]
    actions   = ["cloudwatch:PutMetricData"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["Reports"]
    }
  }

  statement {
    sid       = "Logs1VNSM8V"
    effect    = "Allow"
    resources = ["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/nightly-report:*"]

    actions = [
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
  }

  statement {
    sid       = "Secretsmanager05PDV2I"
    effect    = "Allow"
    resources = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/reporting/db-??????"]
    actions   = ["secretsmanager:GetSecretValue"]
  }

  statement {
    sid    = "Ssm11N48OA"
    effect = "Allow"

    resources = [
      "arn:aws:ssm:eu-west-1:123456789012:parameter/reporting/api-key",
      "arn:aws:ssm:eu-west-1:123456789012:parameter/reporting/old-key",
      "arn:aws:ssm:eu-west-1:123456789012:parameter/reporting/recipients",
    ]

    actions = ["ssm:GetParameter"]
  }

  statement {
    sid       = "Ssm1B33HIT"
    effect    = "Allow"
    resources = ["arn:aws:ssm:eu-west-1:123456789012:parameter/reporting"]
    actions   = ["ssm:GetParametersByPath"]
  }
}

resource "aws_iam_role_policy" "nightly-report-role" {
  name   = "nightly-report-role-least-privilege"
  role   = "nightly-report-role"
  policy = data.aws_iam_policy_document.nightly-report-role.json
}

# Role arn:aws:iam::123456789012:role/receipt-worker-role
data "aws_iam_policy_document" "receipt-worker-role" {
  statement {
    sid       = "Kms0NFEUDG"
    effect    = "Allow"
    resources = ["arn:aws:kms:eu-west-1:123456789012:key/7a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"]

    actions = [
      "kms:Decrypt",
      "kms:GenerateDataKey",
    ]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.eu-west-1.amazonaws.com"]
    }
  }

  statement {
    sid       = "Logs1EGXPFQ"
    effect    = "Allow"
    resources = ["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/receipt-worker:*"]

    actions = [
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
  }

  statement {
    sid       = "S31QY2F5T"
    effect    = "Allow"
    resources = ["arn:aws:s3:::acme-receipts/receipts/*/*/*/r-*.pdf"]

    actions = [
      "s3:GetObject",
      "s3:PutObject",
    ]

    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = ["vpce-0a1b2c3d4e5f67890"]
    }
  }

  statement {
    sid       = "S31DNJAV4"
    effect    = "Allow"
    resources = ["arn:aws:s3:::acme-receipts"]
    actions   = ["s3:ListBucket"]

    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = ["vpce-0a1b2c3d4e5f67890"]
    }

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["receipts/*/*/*/"]
    }
  }

  statement {
    sid       = "Sns0ET3LOS"
    effect    = "Allow"
    resources = ["arn:aws:sns:eu-west-1:123456789012:receipt-ready"]
    actions   = ["sns:Publish"]
  }

  statement {
    sid       = "Sqs1HY6313"
    effect    = "Allow"
    resources = ["arn:aws:sqs:eu-west-1:123456789012:order-events"]

    actions = [
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ReceiveMessage",
    ]

    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = ["vpce-0a1b2c3d4e5f67890"]
    }
  }
}

resource "aws_iam_role_policy" "receipt-worker-role" {
  name   = "receipt-worker-role-least-privilege"
  role   = "receipt-worker-role"
  policy = data.aws_iam_policy_document.receipt-worker-role.json
}

# Role arn:aws:iam::123456789012:role/service-role/orders-api-role
data "aws_iam_policy_document" "orders-api-role" {
  statement {
    sid       = "Dynamodb1COJ0MW"
    effect    = "Allow"
    resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"]

    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
    ]
  }

  statement {
    sid       = "Dynamodb03104P1"
    effect    = "Allow"
    resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/by-customer"]
    actions   = ["dynamodb:Query"]
  }

  statement {
    sid       = "Logs1EWGBS9"
    effect    = "Allow"
    resources = ["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/orders-api:*"]

    actions = [
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
  }

  statement {
    sid       = "Sqs0O68SXZ"
    effect    = "Allow"
    resources = ["arn:aws:sqs:eu-west-1:123456789012:order-events"]

    actions = [
      "sqs:GetQueueUrl",
      "sqs:SendMessage",
    ]
  }
}

resource "aws_iam_role_policy" "orders-api-role" {
  name   = "orders-api-role-least-privilege"
  role   = "orders-api-role"
  policy = data.aws_iam_policy_document.orders-api-role.json
}
