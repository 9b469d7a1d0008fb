output "certificate_arn" {
  description = "ARN of the validated certificate (waits for DNS validation)."
  value       = aws_acm_certificate_validation.this.certificate_arn
}

output "fqdn" {
  description = "Public host name of the app."
  value       = var.domain_name
}
