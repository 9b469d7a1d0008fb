variable "name" {
  type        = string
  description = "Name of the vaults, plan and role (e.g. habit-tracker-staging)."

  validation {
    condition     = can(regex("^[a-zA-Z0-9-_]{2,50}$", var.name))
    error_message = "Use 2-50 letters, digits, '-' and '_'."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key of the primary vault (primary region)."
}

variable "resource_arns" {
  type        = list(string)
  description = "ARNs backed up by the plan (the Aurora cluster)."

  validation {
    condition     = length(var.resource_arns) >= 1
    error_message = "Select at least one resource."
  }
}

variable "hourly_retention_days" {
  type        = number
  description = "Days hourly recovery points (and their DR copies) are kept."
  default     = 7

  validation {
    condition     = var.hourly_retention_days >= 1
    error_message = "hourly_retention_days must be at least 1."
  }
}

variable "daily_retention_days" {
  type        = number
  description = "Days daily recovery points (and their DR copies) are kept."
  default     = 90

  validation {
    condition     = var.daily_retention_days >= 1
    error_message = "daily_retention_days must be at least 1."
  }
}

variable "force_destroy" {
  type        = bool
  description = "Let terraform destroy delete vaults that still hold recovery points (tests only)."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
