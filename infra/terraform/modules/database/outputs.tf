output "cluster_arn" {
  description = "ARN of the cluster (selected by AWS Backup)."
  value       = aws_rds_cluster.this.arn
}

output "cluster_identifier" {
  description = "Identifier of the cluster (CloudWatch dimension DBClusterIdentifier)."
  value       = aws_rds_cluster.this.cluster_identifier
}

output "endpoint" {
  description = "Writer endpoint."
  value       = aws_rds_cluster.this.endpoint
}

output "port" {
  description = "PostgreSQL port."
  value       = aws_rds_cluster.this.port
}

output "database_name" {
  description = "Application database name."
  value       = aws_rds_cluster.this.database_name
}

output "master_username" {
  description = "Master user name."
  value       = aws_rds_cluster.this.master_username
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the managed master credentials (null when a password was given)."
  value       = try(aws_rds_cluster.this.master_user_secret[0].secret_arn, null)
}

output "security_group_id" {
  description = "Security group of the cluster."
  value       = aws_security_group.this.id
}

output "app_secret_arn" {
  description = "Secrets Manager secret for the application role's credentials, written by the app's create_app_role (null in the lean profile)."
  value       = try(aws_secretsmanager_secret.app[0].arn, null)
}

output "app_username" {
  description = "Database role the application connects as."
  value       = var.app_username
}

output "final_snapshot_identifier" {
  description = "Name of the snapshot a deletion of the cluster takes (check it exists after a teardown)."
  value       = aws_rds_cluster.this.final_snapshot_identifier
}

output "log_group_name" {
  description = "CloudWatch log group of the exported PostgreSQL log."
  value       = aws_cloudwatch_log_group.postgresql.name
}
