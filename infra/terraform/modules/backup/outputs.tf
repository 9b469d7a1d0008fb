output "vault_arn" {
  description = "Primary backup vault."
  value       = aws_backup_vault.this.arn
}

output "dr_vault_arn" {
  description = "Backup vault in the DR region receiving the copies."
  value       = aws_backup_vault.dr.arn
}

output "dr_vault_name" {
  description = "Name of the DR vault (used by the DR runbook)."
  value       = aws_backup_vault.dr.name
}

output "plan_id" {
  description = "Backup plan ID."
  value       = aws_backup_plan.this.id
}

output "role_arn" {
  description = "Role AWS Backup uses for backups and restores."
  value       = aws_iam_role.this.arn
}
