output "bucket_name" {
  description = "Site bucket (target of aws s3 sync)."
  value       = module.bucket.id
}

output "bucket_arn" {
  description = "ARN of the site bucket."
  value       = module.bucket.arn
}

output "distribution_id" {
  description = "CloudFront distribution ID (target of create-invalidation)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "CloudFront distribution ARN."
  value       = aws_cloudfront_distribution.this.arn
}

output "distribution_domain_name" {
  description = "CloudFront host name, the target of the Route 53 alias."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "distribution_hosted_zone_id" {
  description = "CloudFront's hosted zone ID for alias records."
  value       = aws_cloudfront_distribution.this.hosted_zone_id
}
