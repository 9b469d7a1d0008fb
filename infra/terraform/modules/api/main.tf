data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  arn_prefix = "arn:${data.aws_partition.current.partition}"
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  # GetParametersByPath is authorised on the path itself, GetParameter(s) on each name.
  parameter_path = trimsuffix(var.ssm_parameter_prefix, "/")
  # Every request goes to Django, which answers 404 for what it does not serve.
  # Narrower routes cannot cover the app's paths: a route path may not end in
  # "/" (so "GET /health/" is refused), and "ANY /admin/{proxy+}" does not match
  # "/admin/" itself. CloudFront decides which paths reach this API at all.
  routes = ["$default"]
  # The RDS-managed secret holds only the username and password; where to
  # connect, and how, comes from here.
  database_environment = {
    DB_HOST        = var.db_host
    DB_PORT        = tostring(var.db_port)
    DB_NAME        = var.db_name
    DB_SSLMODE     = var.db_sslmode
    DB_SSLROOTCERT = var.db_sslrootcert
  }
  # Named only where the function may read them (seed).
  secret_environment = {
    DB_SECRET_ARN     = var.db_secret_arn
    DB_APP_SECRET_ARN = var.db_app_secret_arn
  }
  environment = merge(
    var.environment,
    local.database_environment,
    { for name, arn in local.secret_environment : name => arn if var.read_aws_configuration },
    {
      DJANGO_ENV = "production"
      API_STAGE  = var.stage_name
    },
  )
}

# ---------------------------------------------------------------- container image

resource "aws_ecr_repository" "api" {
  name                 = var.name
  image_tag_mutability = "IMMUTABLE"
  force_delete         = var.force_delete_images

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = var.kms_key_arn
  }

  tags = var.tags
}

resource "aws_ecr_lifecycle_policy" "api" {
  repository = aws_ecr_repository.api.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Drop untagged layers after a week"
        selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 7 }
        action       = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the last ${var.images_to_keep} images for rollback"
        selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = var.images_to_keep }
        action       = { type = "expire" }
      },
    ]
  })
}

# ---------------------------------------------------------------- execution role

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${var.name}-lambda"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "this" {
  #checkov:skip=CKV_AWS_111:EC2 network-interface actions for a VPC Lambda cannot be scoped to resources; AWS documents Resource "*" for them.
  #checkov:skip=CKV_AWS_356:Same statement: ENI and X-Ray actions support only Resource "*".
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${var.log_group_arn}:*"]
  }

  statement {
    sid = "VpcNetworkInterfaces"
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "Tracing"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  statement {
    sid       = "DecryptConfiguration"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
  }

  # The master secret (RDS manages and rotates it) and the application role's.
  dynamic "statement" {
    for_each = var.read_aws_configuration ? [1] : []

    content {
      sid       = "DatabaseSecrets"
      actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
      resources = [var.db_secret_arn, var.db_app_secret_arn]
    }
  }

  # The migration-time command that creates and rotates the application role
  # writes its new password into the application secret and promotes it.
  dynamic "statement" {
    for_each = var.read_aws_configuration ? [1] : []

    content {
      sid       = "ApplicationSecretRotation"
      actions   = ["secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"]
      resources = [var.db_app_secret_arn]
    }
  }

  # Secrets Manager encrypts a new secret version with the key on the caller's
  # behalf; the permission holds only through Secrets Manager.
  dynamic "statement" {
    for_each = var.read_aws_configuration ? [1] : []

    content {
      sid       = "EncryptSecretVersions"
      actions   = ["kms:GenerateDataKey"]
      resources = [var.kms_key_arn]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${local.region}.amazonaws.com"]
      }
    }
  }

  dynamic "statement" {
    for_each = var.read_aws_configuration ? [1] : []

    content {
      sid     = "Parameters"
      actions = ["ssm:GetParametersByPath", "ssm:GetParameters", "ssm:GetParameter"]
      resources = [
        "${local.arn_prefix}:ssm:${local.region}:${local.account_id}:parameter${local.parameter_path}",
        "${local.arn_prefix}:ssm:${local.region}:${local.account_id}:parameter${local.parameter_path}/*",
      ]
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "runtime"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

# ---------------------------------------------------------------- function

resource "aws_lambda_function" "this" {
  #checkov:skip=CKV_AWS_116:Invoked synchronously by API Gateway and the deploy pipeline; a dead-letter queue only applies to asynchronous invocations.
  #checkov:skip=CKV_AWS_272:Lambda code signing does not support container images; images are scanned on push and tags are immutable.
  #checkov:skip=CKV_AWS_115:Reserved concurrency is a variable (reserved_concurrency); new accounts have a quota of 10, below which reserving fails.
  function_name = var.name
  role          = aws_iam_role.this.arn
  package_type  = "Image"
  image_uri     = "${aws_ecr_repository.api.repository_url}:${var.image_tag}"
  architectures = [var.architecture]
  memory_size   = var.memory_size
  timeout       = var.timeout
  kms_key_arn   = var.kms_key_arn

  reserved_concurrent_executions = var.reserved_concurrency

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [var.security_group_id]
  }

  environment {
    variables = local.environment
  }

  logging_config {
    log_format = "Text"
    log_group  = var.log_group_name
  }

  tracing_config {
    mode = "Active"
  }

  # The backend pipeline deploys new images with `aws lambda update-function-code`;
  # Terraform only sets the first one.
  lifecycle {
    ignore_changes = [image_uri]

    precondition {
      condition     = !var.read_aws_configuration || (var.db_secret_arn != "" && var.db_app_secret_arn != "")
      error_message = "With read_aws_configuration, give db_secret_arn and db_app_secret_arn."
    }
  }

  depends_on = [aws_iam_role_policy.this]
  tags       = var.tags
}

# ---------------------------------------------------------------- HTTP API

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
  description   = "Django API behind CloudFront"
  tags          = var.tags
}

# AWS_PROXY with payload 2.0: API Gateway always sends an HTTP event, so a
# request can never be shaped like the {"manage": [...]} direct invocation.
resource "aws_apigatewayv2_integration" "this" {
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_function.this.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = min(var.timeout * 1000, 30000)
}

resource "aws_apigatewayv2_route" "this" {
  #checkov:skip=CKV_AWS_309:Authentication is Django's session login; API Gateway authorizers would duplicate it and the SPA sends cookies, not tokens.
  for_each = toset(local.routes)

  api_id    = aws_apigatewayv2_api.this.id
  route_key = each.value
  target    = "integrations/${aws_apigatewayv2_integration.this.id}"
}

resource "aws_apigatewayv2_stage" "this" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = var.stage_name
  auto_deploy = true

  access_log_settings {
    destination_arn = var.access_log_group_arn
    format = jsonencode({
      requestId      = "$context.requestId"
      ip             = "$context.identity.sourceIp"
      requestTime    = "$context.requestTime"
      httpMethod     = "$context.httpMethod"
      routeKey       = "$context.routeKey"
      path           = "$context.path"
      status         = "$context.status"
      responseLength = "$context.responseLength"
      latency        = "$context.responseLatency"
      integration    = "$context.integrationErrorMessage"
    })
  }

  default_route_settings {
    throttling_burst_limit = var.throttling_burst_limit
    throttling_rate_limit  = var.throttling_rate_limit
  }

  tags = var.tags
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowHttpApiStage"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/${var.stage_name}/*"
}
