output "prefix" {
  description = "Path of the parameters (SSM_PARAMETER_PREFIX)."
  value       = var.prefix
}

output "parameter_arns" {
  description = "ARNs of every parameter, SECRET_KEY included."
  value       = concat([for parameter in aws_ssm_parameter.this : parameter.arn], [aws_ssm_parameter.secret_key.arn])
}

output "secret_key" {
  description = "Current SECRET_KEY as last refreshed (the lean profile passes it to the Lambda environment)."
  value       = aws_ssm_parameter.secret_key.value
  sensitive   = true
}
