variable "name" {
  type        = string
  description = "Cluster identifier and name prefix (e.g. habit-tracker-staging)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,62}$", var.name))
    error_message = "Use lowercase letters, digits and hyphens, starting with a letter (max 63)."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC of the cluster."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets, in at least two availability zones."

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "Aurora needs subnets in at least two availability zones."
  }
}

variable "app_security_group_id" {
  type        = string
  description = "The only security group allowed to connect on 5432 (the Lambda's)."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for storage, Performance Insights and the managed master secret."
}

variable "engine_version" {
  type        = string
  description = "Aurora PostgreSQL major version. RDS picks its default minor and upgrades it automatically; a minor here would make every plan after such an upgrade try to downgrade. 16 or later (0 ACU auto-pause needs 16.3+, which every current 16 default is)."
  default     = "16"

  validation {
    condition     = can(regex("^[0-9]+$", var.engine_version)) && try(tonumber(var.engine_version) >= 16, false)
    error_message = "Give a major version only, 16 or later (e.g. \"16\"), not a minor such as 16.6."
  }
}

variable "database_name" {
  type        = string
  description = "Name of the application database created with the cluster."
  default     = "habits"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "Use lowercase letters, digits and underscores, starting with a letter."
  }
}

variable "master_username" {
  type        = string
  description = "Master user name."
  default     = "habits_admin"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,15}$", var.master_username)) && !contains(["admin", "postgres", "rdsadmin"], var.master_username)
    error_message = "Use up to 16 lowercase letters, digits and underscores; admin, postgres and rdsadmin are reserved."
  }
}

variable "master_password" {
  type        = string
  description = "Master password. Leave null (the default) to let RDS manage and rotate it in Secrets Manager; set it only for the lean profile, whose Lambda cannot reach Secrets Manager."
  default     = null
  sensitive   = true

  validation {
    condition     = var.master_password == null || length(coalesce(var.master_password, "x")) >= 16
    error_message = "A master password must be at least 16 characters."
  }
}

variable "min_capacity" {
  type        = number
  description = "Minimum Aurora capacity units; 0 lets the cluster pause when idle."
  default     = 0.5

  validation {
    condition     = var.min_capacity >= 0 && var.min_capacity <= 256 && floor(var.min_capacity * 2) == var.min_capacity * 2
    error_message = "min_capacity must be between 0 and 256 in steps of 0.5."
  }
}

variable "max_capacity" {
  type        = number
  description = "Maximum Aurora capacity units."
  default     = 4

  validation {
    condition     = var.max_capacity >= 1 && var.max_capacity <= 256 && floor(var.max_capacity * 2) == var.max_capacity * 2
    error_message = "max_capacity must be between 1 and 256 in steps of 0.5."
  }
}

variable "seconds_until_auto_pause" {
  type        = number
  description = "Idle seconds before a 0 ACU cluster pauses (300 to 86400)."
  default     = 600

  validation {
    condition     = var.seconds_until_auto_pause >= 300 && var.seconds_until_auto_pause <= 86400
    error_message = "seconds_until_auto_pause must be between 300 and 86400."
  }
}

variable "instance_count" {
  type        = number
  description = "Serverless v2 instances: 1 is a writer only, 2 adds a reader in another AZ for fast failover."
  default     = 1

  validation {
    condition     = var.instance_count >= 1 && var.instance_count <= 3
    error_message = "instance_count must be 1, 2 or 3."
  }
}

variable "backup_retention_period" {
  type        = number
  description = "Days of automated backups (point-in-time recovery window)."
  default     = 7

  validation {
    condition     = var.backup_retention_period >= 1 && var.backup_retention_period <= 35
    error_message = "backup_retention_period must be between 1 and 35 days."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse deletion of the cluster (true in production). A final snapshot is taken on every deletion, whatever this is."
  default     = true
}

variable "log_retention_in_days" {
  type        = number
  description = "Days to keep the PostgreSQL log exported to CloudWatch Logs."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "Use a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "app_username" {
  type        = string
  description = "Database role the application connects as (its credentials go into the <name>-db-app secret)."
  default     = "habits_app"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.app_username)) && !startswith(var.app_username, "rds") && !startswith(var.app_username, "pg_")
    error_message = "Use lowercase letters, digits and underscores, starting with a letter; names starting with rds or pg_ are reserved."
  }
}

variable "secret_recovery_window_in_days" {
  type        = number
  description = "Days a deleted application secret can be restored; 0 deletes it at once (tests only). Its name cannot be reused during the window."
  default     = 7

  validation {
    condition     = var.secret_recovery_window_in_days == 0 || (var.secret_recovery_window_in_days >= 7 && var.secret_recovery_window_in_days <= 30)
    error_message = "secret_recovery_window_in_days must be 0 or between 7 and 30."
  }
}

variable "log_min_duration_ms" {
  type        = number
  description = "Statements slower than this many milliseconds are logged."
  default     = 500

  validation {
    condition     = var.log_min_duration_ms >= 0
    error_message = "log_min_duration_ms cannot be negative."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
