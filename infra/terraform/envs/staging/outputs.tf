output "url" {
  description = "Public URL of the app."
  value       = "https://${var.domain_name}"
}

output "ecr_repository_url" {
  description = "docker push target for the backend image."
  value       = module.api.repository_url
}

output "lambda_function_name" {
  description = "API function (aws lambda invoke target for migrations)."
  value       = module.api.function_name
}

output "api_invoke_url" {
  description = "Direct URL of the API stage."
  value       = module.api.invoke_url
}

output "site_bucket" {
  description = "Bucket the frontend is synced to."
  value       = module.web.bucket_name
}

output "cloudfront_distribution_id" {
  description = "Distribution to invalidate after a frontend deploy."
  value       = module.web.distribution_id
}

output "ssm_parameter_prefix" {
  description = "Where the application's parameters live."
  value       = module.params.prefix
}

output "kms_key_alias" {
  description = "Alias of the environment's KMS key."
  value       = module.kms.alias_name
}

output "db_secret_arn" {
  description = "Secrets Manager secret with the master credentials, managed and rotated by RDS (seed profile)."
  value       = module.database.master_user_secret_arn
}

output "db_app_secret_arn" {
  description = "Secrets Manager secret with the application role's credentials, written by create_app_role (seed profile)."
  value       = module.database.app_secret_arn
}

output "db_final_snapshot_identifier" {
  description = "Snapshot a destroy of the cluster takes (docs/deploy.md, \"Tearing down\")."
  value       = module.database.final_snapshot_identifier
}

output "codestar_connection_arn" {
  description = "Connection to complete once in the console."
  value       = module.cicd.connection_arn
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.monitoring.topic_arn
}

output "dr_backup_vault" {
  description = "Backup vault in the DR region."
  value       = module.backup.dr_vault_name
}

output "private_subnet_ids" {
  description = "Private subnets (used by the DR runbook to restore a cluster)."
  value       = module.network.private_subnet_ids
}

output "database_security_group_id" {
  description = "Security group of the database (used by the DR runbook)."
  value       = module.database.security_group_id
}

output "kms_key_arn" {
  description = "ARN of the environment's KMS key."
  value       = module.kms.key_arn
}

output "worker_dead_letter_queue_url" {
  description = "Minute invocations EventBridge Scheduler could not deliver (module scheduler); the dead-letters alarm watches it."
  value       = module.scheduler.dead_letter_queue_url
}
