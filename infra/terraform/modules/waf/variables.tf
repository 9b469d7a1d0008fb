variable "name" {
  type        = string
  description = "Name of the web ACL and prefix of its metrics (e.g. habit-tracker-staging)."

  validation {
    condition     = can(regex("^[a-zA-Z0-9-_]{1,100}$", var.name))
    error_message = "Use letters, digits, '-' and '_'."
  }
}

variable "login_path" {
  type        = string
  description = "Path prefix whose requests are rate limited per IP."
  default     = "/api/auth/login"

  validation {
    condition     = startswith(var.login_path, "/") && lower(var.login_path) == var.login_path
    error_message = "login_path must start with '/' and be lowercase (the rule lowercases the request path)."
  }
}

variable "login_rate_limit" {
  type        = number
  description = "Requests per IP per 5 minutes to login_path before WAF blocks that IP."
  default     = 100

  validation {
    condition     = var.login_rate_limit >= 10 && var.login_rate_limit <= 2000000000
    error_message = "WAF accepts a rate limit of 10 or more."
  }
}

variable "enable_common_rule_set" {
  type        = bool
  description = "Add AWSManagedRulesCommonRuleSet ($1/month plus per-request fees)."
  default     = true
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key in us-east-1 for the WAF log group; null uses CloudWatch's default encryption."
  default     = null
}

variable "log_retention_in_days" {
  type        = number
  description = "Days to keep WAF logs."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "Use a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
