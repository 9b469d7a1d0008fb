output "prefix" {
  description = "Path of the parameters (SSM_PARAMETER_PREFIX)."
  value       = var.prefix
}

output "parameter_arns" {
  description = "ARNs of every parameter, SECRET_KEY, VAPID_PRIVATE_KEY, ORIGIN_VERIFY_SECRET and EMAIL_HOST_PASSWORD included."
  value       = concat([for parameter in aws_ssm_parameter.this : parameter.arn], [aws_ssm_parameter.secret_key.arn, aws_ssm_parameter.vapid_private_key.arn], aws_ssm_parameter.origin_verify_secret[*].arn, aws_ssm_parameter.email_host_password[*].arn)
}

output "secret_key" {
  description = "Current SECRET_KEY as last refreshed (the lean profile passes it to the Lambda environment)."
  value       = aws_ssm_parameter.secret_key.value
  sensitive   = true
}

output "origin_verify_secret" {
  description = "ORIGIN_VERIFY_SECRET as stored (null unless create_origin_verify_secret): module web sends it, the lean profile passes it to the Lambda environment."
  value       = one(aws_ssm_parameter.origin_verify_secret[*].value)
  sensitive   = true
}

output "vapid_private_key" {
  description = "VAPID_PRIVATE_KEY as stored (the lean profile passes it to the Lambda environment)."
  value       = aws_ssm_parameter.vapid_private_key.value
  sensitive   = true
}
