data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name

  # Each pipeline starts on pushes that touch its part of the repository.
  pipelines = {
    infrastructure = {
      paths = ["infra/**"]
      stages = [
        { name = "Plan", action = "TerraformPlan", project = "terraform-plan", inputs = ["source"], outputs = ["plan"] },
        { name = "Approve", action = "ReviewPlan", project = null, inputs = [], outputs = [] },
        { name = "Apply", action = "TerraformApply", project = "terraform-apply", inputs = ["source", "plan"], outputs = [] },
      ]
    }
    backend = {
      paths = ["backend/**"]
      stages = [
        { name = "Build", action = "Image", project = "backend-image", inputs = ["source"], outputs = ["image"] },
        { name = "Deploy", action = "UpdateAndMigrate", project = "backend-deploy", inputs = ["source", "image"], outputs = [] },
      ]
    }
    frontend = {
      paths = ["frontend/**"]
      stages = [
        { name = "BuildAndPublish", action = "Frontend", project = "frontend", inputs = ["source"], outputs = [] },
      ]
    }
  }

  projects = {
    terraform-plan = {
      buildspec = "infra/buildspec/terraform-plan.yml"
      role      = "terraform"
      arm       = false
      docker    = false
    }
    terraform-apply = {
      buildspec = "infra/buildspec/terraform-apply.yml"
      role      = "terraform"
      arm       = false
      docker    = false
    }
    backend-image = {
      buildspec = "infra/buildspec/backend-image.yml"
      role      = "app"
      arm       = var.lambda_architecture == "arm64"
      docker    = true
    }
    backend-deploy = {
      buildspec = "infra/buildspec/backend-deploy.yml"
      role      = "app"
      arm       = false
      docker    = false
    }
    frontend = {
      buildspec = "infra/buildspec/frontend.yml"
      role      = "app"
      arm       = false
      docker    = false
    }
  }

  build_environment = {
    AWS_ACCOUNT_ID        = local.account_id
    ECR_REPOSITORY_URL    = var.ecr_repository_url
    LAMBDA_FUNCTION_NAME  = var.lambda_function_name
    SITE_BUCKET           = var.site_bucket_name
    CLOUDFRONT_DIST_ID    = var.cloudfront_distribution_id
    TERRAFORM_ENV_DIR     = var.terraform_env_dir
    TERRAFORM_VERSION     = var.terraform_version
    DOCKER_IMAGE_PLATFORM = "linux/${var.lambda_architecture}"
  }
}

# ---------------------------------------------------------------- source and artifacts

# Created PENDING: an administrator completes the handshake once in the console
# (Developer Tools > Connections), see docs/deploy.md.
resource "aws_codestarconnections_connection" "this" {
  name          = substr(var.name, 0, 32)
  provider_type = var.source_provider
  tags          = var.tags
}

module "artifacts" {
  source = "../bucket"

  name                               = var.artifact_bucket_name
  kms_key_arn                        = var.kms_key_arn
  noncurrent_version_expiration_days = 7
  force_destroy                      = true
  tags                               = var.tags
}

resource "aws_cloudwatch_log_group" "builds" {
  #checkov:skip=CKV_AWS_338:Staging keeps build logs for log_retention_in_days (30 days); a year of retention is a production decision (variable).
  name              = "/aws/codebuild/${var.name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

# ---------------------------------------------------------------- roles

data "aws_iam_policy_document" "codebuild_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codebuild.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "build_common" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.builds.arn}:*"]
  }

  statement {
    sid       = "Artifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:GetBucketLocation", "s3:ListBucket"]
    resources = [module.artifacts.arn, "${module.artifacts.arn}/*"]
  }

  statement {
    sid       = "ArtifactKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*", "kms:Encrypt", "kms:DescribeKey"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role" "app" {
  name               = "${var.name}-build-app"
  assume_role_policy = data.aws_iam_policy_document.codebuild_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "app" {
  #checkov:skip=CKV_AWS_356:ecr:GetAuthorizationToken supports only Resource "*".
  source_policy_documents = [data.aws_iam_policy_document.build_common.json]

  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid = "EcrPush"
    actions = [
      "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
      "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload",
      "ecr:PutImage", "ecr:UploadLayerPart",
    ]
    resources = [var.ecr_repository_arn]
  }

  statement {
    sid       = "DeployAndMigrate"
    actions   = ["lambda:UpdateFunctionCode", "lambda:GetFunction", "lambda:GetFunctionConfiguration", "lambda:InvokeFunction"]
    resources = [var.lambda_function_arn]
  }

  statement {
    sid       = "SiteSync"
    actions   = ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = [var.site_bucket_arn, "${var.site_bucket_arn}/*"]
  }

  statement {
    sid       = "Invalidate"
    actions   = ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"]
    resources = ["arn:${local.partition}:cloudfront::${local.account_id}:distribution/${var.cloudfront_distribution_id}"]
  }
}

resource "aws_iam_role_policy" "app" {
  name   = "build-and-deploy"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}

# Terraform creates and changes every resource of the environment, IAM roles
# included, so its role is an administrator; only the infrastructure pipeline,
# behind a manual approval, can assume it.
resource "aws_iam_role" "terraform" {
  name               = "${var.name}-build-terraform"
  assume_role_policy = data.aws_iam_policy_document.codebuild_assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "terraform" {
  #checkov:skip=CKV_AWS_274:The Terraform runner must manage IAM, KMS and every service of the stack; it runs only after a manual approval.
  role       = aws_iam_role.terraform.name
  policy_arn = var.terraform_policy_arn
}

resource "aws_iam_role_policy" "terraform" {
  name   = "logs-and-artifacts"
  role   = aws_iam_role.terraform.id
  policy = data.aws_iam_policy_document.build_common.json
}

data "aws_iam_policy_document" "codepipeline_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codepipeline.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "pipeline" {
  name               = "${var.name}-pipeline"
  assume_role_policy = data.aws_iam_policy_document.codepipeline_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "pipeline" {
  source_policy_documents = [data.aws_iam_policy_document.build_common.json]

  statement {
    sid       = "UseConnection"
    actions   = ["codestar-connections:UseConnection", "codeconnections:UseConnection"]
    resources = [aws_codestarconnections_connection.this.arn]
  }

  statement {
    sid       = "RunBuilds"
    actions   = ["codebuild:StartBuild", "codebuild:BatchGetBuilds"]
    resources = [for project in aws_codebuild_project.this : project.arn]
  }
}

resource "aws_iam_role_policy" "pipeline" {
  name   = "run-pipelines"
  role   = aws_iam_role.pipeline.id
  policy = data.aws_iam_policy_document.pipeline.json
}

# ---------------------------------------------------------------- builds

resource "aws_codebuild_project" "this" {
  #checkov:skip=CKV_AWS_316:backend-image builds the Lambda container image, which needs the Docker daemon (privileged mode); the other projects do not set it.
  for_each = local.projects

  name           = "${var.name}-${each.key}"
  service_role   = each.value.role == "terraform" ? aws_iam_role.terraform.arn : aws_iam_role.app.arn
  encryption_key = var.kms_key_arn
  build_timeout  = 30

  source {
    type      = "CODEPIPELINE"
    buildspec = each.value.buildspec
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    compute_type    = "BUILD_GENERAL1_SMALL"
    type            = each.value.arm ? "ARM_CONTAINER" : "LINUX_CONTAINER"
    image           = each.value.arm ? "aws/codebuild/amazonlinux-aarch64-standard:3.0" : "aws/codebuild/amazonlinux-x86_64-standard:5.0"
    privileged_mode = each.value.docker

    dynamic "environment_variable" {
      for_each = local.build_environment

      content {
        name  = environment_variable.key
        value = environment_variable.value
      }
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name  = aws_cloudwatch_log_group.builds.name
      stream_name = each.key
    }
  }

  tags = var.tags
}

# ---------------------------------------------------------------- pipelines

resource "aws_codepipeline" "this" {
  for_each = local.pipelines

  name           = "${var.name}-${each.key}"
  role_arn       = aws_iam_role.pipeline.arn
  pipeline_type  = "V2"
  execution_mode = "QUEUED"

  artifact_store {
    type     = "S3"
    location = module.artifacts.id

    encryption_key {
      id   = var.kms_key_arn
      type = "KMS"
    }
  }

  trigger {
    provider_type = "CodeStarSourceConnection"

    git_configuration {
      source_action_name = "Source"

      push {
        branches {
          includes = [var.branch]
        }

        file_paths {
          includes = each.value.paths
        }
      }
    }
  }

  stage {
    name = "Source"

    action {
      name             = "Source"
      category         = "Source"
      owner            = "AWS"
      provider         = "CodeStarSourceConnection"
      version          = "1"
      output_artifacts = ["source"]

      configuration = {
        ConnectionArn        = aws_codestarconnections_connection.this.arn
        FullRepositoryId     = var.repository
        BranchName           = var.branch
        OutputArtifactFormat = "CODE_ZIP"
        DetectChanges        = "false"
      }
    }
  }

  # The stages after Source, as data in local.pipelines: one block serves all three pipelines.
  # A stage without a CodeBuild project is a manual approval.
  dynamic "stage" {
    for_each = each.value.stages

    content {
      name = stage.value.name

      action {
        name             = stage.value.action
        category         = stage.value.project == null ? "Approval" : "Build"
        owner            = "AWS"
        provider         = stage.value.project == null ? "Manual" : "CodeBuild"
        version          = "1"
        input_artifacts  = stage.value.inputs
        output_artifacts = stage.value.outputs
        configuration = stage.value.project == null ? null : merge(
          { ProjectName = aws_codebuild_project.this[stage.value.project].name },
          length(stage.value.inputs) > 1 ? { PrimarySource = "source" } : {},
        )
      }
    }
  }

  tags = var.tags
}
