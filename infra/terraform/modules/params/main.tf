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
