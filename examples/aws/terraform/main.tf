# iam-policy-drift: everything AWS needs, as Terraform (the same as ../cloudformation.yml).
#
#   module "iam_policy_drift" {
#     source            = "./examples/aws/terraform"   # or a copy of this folder
#     github_repository = "octo-org/infra"
#     trail_bucket_name = "org-trail-logs"
#   }
#
# Outputs: role_to_assume (the action's role-to-assume input) and access_role_arn
# (cloudtrail.access-role-arn in .github/iam-policy-drift.yml).
#
# Principals in other accounts (accounts: in the config): use the module in each of them too, with
# workflow_account_role_arn = the workflow account's role_to_assume (that role is then trusted instead of
# GitHub; no provider is made), and pass their role_to_assume outputs to the workflow account's module as
# member_account_role_arns (its role may then assume them, and nothing else).

terraform {
  required_version = ">= 1.3"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "github_repository" {
  description = "The repository that runs the action, as owner/name (null in a member account)."
  type        = string
  default     = null
  validation {
    condition     = var.github_repository == null || can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name, such as octo-org/infra."
  }
}

variable "default_branch" {
  description = "Scheduled, manual and push runs come from this branch."
  type        = string
  default     = "main"
}

variable "create_oidc_provider" {
  description = "false when the account already has the token.actions.githubusercontent.com provider."
  type        = bool
  default     = true
}

variable "trail_bucket_name" {
  description = "The S3 bucket the CloudTrail trail delivers its logs to."
  type        = string
}

variable "trail_kms_key_arn" {
  description = "The KMS key the trail encrypts its logs with; null when it uses SSE-S3."
  type        = string
  default     = null
}

variable "workflow_role_name" {
  type    = string
  default = "iam-policy-drift"
}

variable "access_role_name" {
  type    = string
  default = "AccessAnalyzerMonitorServiceRole"
}

variable "member_account_role_arns" {
  description = "In the workflow's account: the roles of other accounts the workflow may assume (role-arn of each accounts entry in the config)."
  type        = list(string)
  default     = []
}

variable "workflow_account_role_arn" {
  description = "In a member account: the workflow account's role_to_assume, trusted instead of GitHub's provider (then not made here)."
  type        = string
  default     = null
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition
  provider_arn = length(aws_iam_openid_connect_provider.github) > 0 ? aws_iam_openid_connect_provider.github[0].arn : (
    "arn:${local.partition}:iam::${local.account}:oidc-provider/token.actions.githubusercontent.com"
  )
}

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.create_oidc_provider && var.workflow_account_role_arn == null ? 1 : 0
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

# The role the workflow assumes with AssumeRoleWithWebIdentity (input role-to-assume), or, in a member
# account, the role the workflow's role assumes (role-arn of the account's entry in the config).
data "aws_iam_policy_document" "workflow_trust" {
  dynamic "statement" {
    for_each = var.workflow_account_role_arn == null ? [var.github_repository] : []
    content {
      sid     = "GitHubActionsOfThisRepository"
      effect  = "Allow"
      actions = ["sts:AssumeRoleWithWebIdentity"]
      principals {
        type        = "Federated"
        identifiers = [local.provider_arn]
      }
      condition {
        test     = "StringEquals"
        variable = "token.actions.githubusercontent.com:aud"
        values   = ["sts.amazonaws.com"]
      }
      # Pull requests, the merge queue's groups for the default branch, and the nightly / manual / push
      # runs of the default branch. Nothing else (other branches, tags, environments) may assume this role.
      condition {
        test     = "StringLike"
        variable = "token.actions.githubusercontent.com:sub"
        values = [
          "repo:${statement.value}:pull_request",
          "repo:${statement.value}:ref:refs/heads/gh-readonly-queue/${var.default_branch}/*",
          "repo:${statement.value}:ref:refs/heads/${var.default_branch}",
        ]
      }
    }
  }
  dynamic "statement" {
    for_each = var.workflow_account_role_arn == null ? [] : [var.workflow_account_role_arn]
    content {
      sid     = "WorkflowRoleOfTheWorkflowAccount"
      effect  = "Allow"
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [statement.value]
      }
    }
  }
}

data "aws_iam_policy_document" "workflow" {
  statement {
    sid    = "PolicyGeneration"
    effect = "Allow"
    actions = [
      "access-analyzer:StartPolicyGeneration",
      "access-analyzer:GetGeneratedPolicy",
      "access-analyzer:ListPolicyGenerations",
      "access-analyzer:CancelPolicyGeneration",
    ]
    resources = ["*"] # these actions support no resource-level permissions
  }
  statement {
    sid       = "PassTheAccessRoleToAccessAnalyzer"
    effect    = "Allow"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.access.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["access-analyzer.amazonaws.com"]
    }
  }
  statement {
    sid       = "CurrentAwsManagedPolicies" # Terraform sources: the current version of attached ones
    effect    = "Allow"
    actions   = ["iam:GetPolicy", "iam:GetPolicyVersion"]
    resources = ["arn:${local.partition}:iam::aws:policy/*"]
  }
  statement {
    sid       = "StackRoleNames" # CloudFormation sources with stack-name: the names of roles without RoleName; a CDK app's pull requests: its deployed templates
    effect    = "Allow"
    actions   = ["cloudformation:DescribeStackResources", "cloudformation:GetTemplate"]
    resources = ["arn:${local.partition}:cloudformation:*:${local.account}:stack/*"]
  }
  statement {
    sid     = "LastAccessedReports" # usage-source: last-accessed: ask for a principal's report
    effect  = "Allow"
    actions = ["iam:GenerateServiceLastAccessedDetails"]
    resources = [
      "arn:${local.partition}:iam::${local.account}:role/*",
      "arn:${local.partition}:iam::${local.account}:user/*",
      "arn:${local.partition}:iam::${local.account}:group/*",  # a group no user of the code is in
      "arn:${local.partition}:iam::${local.account}:policy/*", # a managed policy no one in the code has
    ]
  }
  statement {
    sid       = "LastAccessedReading" # and read it (the action names no resource)
    effect    = "Allow"
    actions   = ["iam:GetServiceLastAccessedDetails"]
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = length(var.member_account_role_arns) > 0 ? [var.member_account_role_arns] : []
    content {
      sid       = "MemberAccounts" # accounts: in the config: the role of each other account, by name
      effect    = "Allow"
      actions   = ["sts:AssumeRole"]
      resources = statement.value
    }
  }
}

resource "aws_iam_role" "workflow" {
  name                 = var.workflow_role_name
  description          = "Assumed by iam-policy-drift in GitHub Actions to generate policies from CloudTrail"
  max_session_duration = 3600
  assume_role_policy   = data.aws_iam_policy_document.workflow_trust.json
  lifecycle {
    precondition {
      condition     = var.github_repository != null || var.workflow_account_role_arn != null
      error_message = "Set github_repository (the account the workflow's role is in) or workflow_account_role_arn (a member account)."
    }
  }
}

resource "aws_iam_role_policy" "workflow" {
  name   = "iam-policy-drift"
  role   = aws_iam_role.workflow.id
  policy = data.aws_iam_policy_document.workflow.json
}

# The role IAM Access Analyzer assumes to read the trail (cloudtrail.access-role-arn in the config).
data "aws_iam_policy_document" "access_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["access-analyzer.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

data "aws_iam_policy_document" "access" {
  statement {
    sid       = "Trails"
    effect    = "Allow"
    actions   = ["cloudtrail:GetTrail"]
    resources = ["arn:${local.partition}:cloudtrail:*:${local.account}:trail/*"]
  }
  statement {
    sid     = "ServiceLastAccessed"
    effect  = "Allow"
    actions = ["iam:GenerateServiceLastAccessedDetails"]
    resources = [
      "arn:${local.partition}:iam::${local.account}:role/*",
      "arn:${local.partition}:iam::${local.account}:user/*",
    ]
  }
  statement {
    sid       = "ServiceLastAccessedResults"
    effect    = "Allow"
    actions   = ["iam:GetServiceLastAccessedDetails"]
    resources = ["*"] # supports no resource-level permissions
  }
  statement {
    sid     = "TrailLogs"
    effect  = "Allow"
    actions = ["s3:GetObject", "s3:ListBucket"]
    resources = [
      "arn:${local.partition}:s3:::${var.trail_bucket_name}",
      "arn:${local.partition}:s3:::${var.trail_bucket_name}/*",
    ]
  }
  dynamic "statement" {
    for_each = var.trail_kms_key_arn == null ? [] : [var.trail_kms_key_arn]
    content {
      sid       = "TrailLogsKey"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
      condition {
        test     = "StringLike"
        variable = "kms:ViaService"
        values   = ["s3.*.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role" "access" {
  name               = var.access_role_name
  path               = "/service-role/"
  description        = "Assumed by IAM Access Analyzer to read CloudTrail logs for policy generation"
  assume_role_policy = data.aws_iam_policy_document.access_trust.json
}

resource "aws_iam_role_policy" "access" {
  name   = "read-cloudtrail"
  role   = aws_iam_role.access.id
  policy = data.aws_iam_policy_document.access.json
}

output "role_to_assume" {
  description = "The action's role-to-assume input; in a member account, role-arn of its entry under accounts: in the config"
  value       = aws_iam_role.workflow.arn
}

output "access_role_arn" {
  description = "cloudtrail.access-role-arn in .github/iam-policy-drift.yml"
  value       = aws_iam_role.access.arn
}
