variable "name" {
  type        = string
  description = "Alias of the key, without the alias/ prefix (e.g. habit-tracker-staging)."

  validation {
    condition     = can(regex("^[a-zA-Z0-9/_-]+$", var.name)) && !startswith(var.name, "aws/")
    error_message = "The alias may hold letters, digits, '/', '_' and '-' and must not start with aws/."
  }
}

variable "description" {
  type        = string
  description = "What the key protects, shown in the KMS console."
  default     = "Habit tracker data key"
}

variable "deletion_window_in_days" {
  type        = number
  description = "Days a scheduled deletion can still be cancelled."
  default     = 30

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30
    error_message = "KMS accepts a deletion window of 7 to 30 days."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the key."
  default     = {}
}
