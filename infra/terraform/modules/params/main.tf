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

# Django's SECRET_KEY, drawn by Secrets Manager's GetRandomPassword (the only
# random source the AWS provider offers; a secret in tfvars would sit in git):
# 64 letters and digits, above the 50 characters production requires, so the
# first deploy starts without an operator setting it. The data source draws
# again on every plan, so the parameter keeps the first value; an operator may
# still overwrite it (aws ssm put-parameter --overwrite) and Terraform leaves it.
data "aws_secretsmanager_random_password" "secret_key" {
  password_length     = 64
  exclude_punctuation = true
  include_space       = false
}

resource "aws_ssm_parameter" "secret_key" {
  name        = "${var.prefix}SECRET_KEY"
  description = "Django SECRET_KEY, drawn once at creation"
  type        = "SecureString"
  key_id      = var.kms_key_arn
  value       = data.aws_secretsmanager_random_password.secret_key.random_password
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

# Web Push's VAPID private key (VAPID_PRIVATE_KEY): a P-256 private scalar in the
# raw base64url form the app reads (32 bytes = 43 characters). The offline
# provider mirror holds only the AWS provider (no tls_private_key), so Secrets
# Manager's GetRandomPassword draws it: 43 letters and digits are 43 base64url
# digits below 62, so the first one is at most 111101 in binary and the number
# is always below the curve order (0xFFFFFFFF00000000...): every draw is a valid
# key, with about 254 bits of randomness. The app derives the public key from it
# (GET /api/push/key); VAPID_PUBLIC_KEY stays unset. Kept with ignore_changes:
# replacing it makes every browser's subscription useless (docs/deploy.md).
data "aws_secretsmanager_random_password" "vapid_private_key" {
  password_length     = 43
  exclude_punctuation = true
  include_space       = false
}

resource "aws_ssm_parameter" "vapid_private_key" {
  name        = "${var.prefix}VAPID_PRIVATE_KEY"
  description = "Web Push VAPID private key (P-256, raw base64url), drawn once at creation"
  type        = "SecureString"
  key_id      = var.kms_key_arn
  value       = data.aws_secretsmanager_random_password.vapid_private_key.random_password
  tags        = var.tags

  lifecycle {
    ignore_changes = [value]
  }
}

# The SMTP password the app signs in to the mail server with (EMAIL_HOST_PASSWORD),
# from TF_VAR_email_host_password: a SecureString under the same key, apart from
# the plain settings so that it never sits in a tfvars file. An operator may also
# overwrite it (aws ssm put-parameter --overwrite) after a credential rotation.
resource "aws_ssm_parameter" "email_host_password" {
  count = var.email_host_password == null ? 0 : 1

  name        = "${var.prefix}EMAIL_HOST_PASSWORD"
  description = "SMTP password of the e-mail settings (Amazon SES SMTP credentials)"
  type        = "SecureString"
  key_id      = var.kms_key_arn
  value       = var.email_host_password
  tags        = var.tags
}
