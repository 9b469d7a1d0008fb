output "name" {
  description = "Name of the cache (CloudWatch dimension clusterId)."
  value       = aws_elasticache_serverless_cache.this.name
}

output "arn" {
  description = "ARN of the cache."
  value       = aws_elasticache_serverless_cache.this.arn
}

output "endpoint_address" {
  description = "Primary endpoint host name."
  value       = aws_elasticache_serverless_cache.this.endpoint[0].address
}

output "endpoint_port" {
  description = "Primary endpoint port."
  value       = aws_elasticache_serverless_cache.this.endpoint[0].port
}

output "redis_url" {
  description = "Django REDIS_URL; rediss:// because serverless caches accept TLS only."
  value       = "rediss://${aws_elasticache_serverless_cache.this.endpoint[0].address}:${aws_elasticache_serverless_cache.this.endpoint[0].port}/0"
}

output "data_storage_maximum_gb" {
  description = "Storage ceiling, used by the memory alarm."
  value       = var.data_storage_maximum_gb
}

output "ecpu_per_second_maximum" {
  description = "ECPU ceiling, used by the CPU alarm."
  value       = var.ecpu_per_second_maximum
}

output "security_group_id" {
  description = "Security group of the cache."
  value       = aws_security_group.this.id
}
