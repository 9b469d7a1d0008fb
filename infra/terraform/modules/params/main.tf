# Configuration the Lambda reads at cold start (config/aws_config.py) under one
# path. Every parameter is a SecureString: the cost is the same and nobody has to
# decide which setting is sensitive.
resource "aws_ssm_parameter" "this" {
  for_each = var.parameters

  name   = "${var.prefix}${each.key}"
  type   = "SecureString"
  key_id = var.kms_key_arn
  value  = each.value
  tags   = var.tags
}

# Terraform cannot make a random value here (only the AWS provider is available),
# and a secret in tfvars would sit in git. So the parameter starts with a
# placeholder that Django refuses in production, an operator overwrites it once
# (docs/deploy.md) and Terraform never touches the value again.
resource "aws_ssm_parameter" "secret_key" {
  name        = "${var.prefix}SECRET_KEY"
  description = "Django SECRET_KEY; set once with aws ssm put-parameter --overwrite"
  type        = "SecureString"
  key_id      = var.kms_key_arn
  value       = "change-me"
  tags        = var.tags

  lifecycle {
    ignore_changes = [value]
  }
}

# The value CloudFront sends to the API in X-Origin-Verify (module web) and the
# app requires (ORIGIN_VERIFY_SECRET): a request without it went around
# CloudFront and the WAF, straight to the execute-api URL. Secrets Manager's
# GetRandomPassword draws it; the data source draws again on every plan, so the
# parameter ignores later values and keeps the first. To rotate, replace the
# parameter (terraform apply -replace=...), which CloudFront and the function's
# next cold start pick up (docs/decisions/0010).
data "aws_secretsmanager_random_password" "origin_verify" {
  count = var.create_origin_verify_secret ? 1 : 0

  password_length     = 64
  exclude_punctuation = true
  include_space       = false
}

resource "aws_ssm_parameter" "origin_verify_secret" {
  count = var.create_origin_verify_secret ? 1 : 0

  name        = "${var.prefix}ORIGIN_VERIFY_SECRET"
  description = "Value of the X-Origin-Verify header CloudFront adds to API requests"
  type        = "SecureString"
  key_id      = var.kms_key_arn
  value       = data.aws_secretsmanager_random_password.origin_verify[0].random_password
  tags        = var.tags

  lifecycle {
    ignore_changes = [value]
  }
}
