# The Terraform example of `npm run demo -- --terraform`: roles, a user in a group, policies written in
# every common way, a module for each of two workers, a permissions boundary. plan.json beside it is
# what `terraform show -json` gives for it (the deployer role and the artifacts bucket are to be created).
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "environment" {
  type    = string
  default = "prod"
}

locals {
  prefix = "app-${var.environment}"
}

resource "aws_s3_bucket" "artifacts" {
  bucket_prefix = "${local.prefix}-artifacts-"
}

# A role this change creates: it has no usage yet, so it is judged by the static checks.
resource "aws_iam_role" "deployer" {
  name                 = "${local.prefix}-deployer"
  permissions_boundary = aws_iam_policy.boundary.arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
    }]
  })
}

resource "aws_iam_role_policy" "deployer" {
  name = "deploy"
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Deploy"
        Effect   = "Allow"
        Action   = ["lambda:*"]
        Resource = "*"
      },
      {
        Sid      = "Artifacts"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "${aws_s3_bucket.artifacts.arn}/*"
      },
    ]
  })
}

resource "aws_iam_policy" "boundary" {
  name   = "${local.prefix}-boundary"
  policy = file("${path.module}/policies/boundary.json")
}

# A role that exists: its usage is compared with what it is granted.
resource "aws_iam_role" "reporting" {
  name = "reporting"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

data "aws_iam_policy_document" "reporting" {
  statement {
    sid       = "Query"
    actions   = ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults"]
    resources = ["arn:aws:athena:us-east-1:111122223333:workgroup/reporting"]
  }

  statement {
    sid       = "Results"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["arn:aws:s3:::reporting-results/*"]
  }

  statement {
    sid       = "Glue"
    actions   = ["glue:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "reporting" {
  name   = "reporting"
  policy = data.aws_iam_policy_document.reporting.json
}

resource "aws_iam_role_policy_attachment" "reporting" {
  role       = aws_iam_role.reporting.name
  policy_arn = aws_iam_policy.reporting.arn
}

resource "aws_iam_role_policy_attachment" "reporting_logs" {
  role       = aws_iam_role.reporting.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess"
}

# A user gets the policies of its groups.
resource "aws_iam_user" "ci" {
  name = "ci"
  path = "/automation/"
}

resource "aws_iam_group" "operators" {
  name = "operators"
}

resource "aws_iam_group_policy" "operators" {
  name  = "operate"
  group = aws_iam_group.operators.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Passing", Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_user_group_membership" "ci" {
  user   = aws_iam_user.ci.name
  groups = [aws_iam_group.operators.name]
}

module "worker" {
  source   = "./modules/worker"
  for_each = toset(["ingest", "export"])
  name     = each.key
  queue    = "${local.prefix}-${each.key}"
}
