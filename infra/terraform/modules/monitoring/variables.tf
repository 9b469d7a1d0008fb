variable "name" {
  type        = string
  description = "Name prefix of the topic, alarms, dashboard and API log group (e.g. habit-tracker-staging)."

  validation {
    condition     = can(regex("^[a-zA-Z0-9-_]{1,200}$", var.name))
    error_message = "Use letters, digits, '-' and '_'."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for the SNS topic and the log groups (its policy must admit CloudWatch)."
}

variable "alarm_emails" {
  type        = list(string)
  description = "Addresses subscribed to the alarm topic (each must confirm by email)."
  default     = []

  validation {
    condition     = alltrue([for email in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", email))])
    error_message = "Every alarm email must be an email address."
  }
}

variable "log_retention_in_days" {
  type        = number
  description = "Days to keep Lambda and API Gateway logs."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "Use a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "function_name" {
  type        = string
  description = "Lambda function name; its log group /aws/lambda/<name> is created here."
}

variable "api_id" {
  type        = string
  description = "HTTP API ID."
}

variable "api_stage_name" {
  type        = string
  description = "HTTP API stage."
}

variable "db_cluster_identifier" {
  type        = string
  description = "Aurora cluster identifier."
}

variable "cache_name" {
  type        = string
  description = "ElastiCache Serverless cache name."
}

variable "cache_ecpu_per_second_maximum" {
  type        = number
  description = "The cache's ECPU/s ceiling; the CPU alarm fires at cpu_threshold_percent of it."
}

variable "cache_data_storage_maximum_gb" {
  type        = number
  description = "The cache's storage ceiling; the memory alarm fires at memory_threshold_percent of it."
}

variable "evaluation_periods" {
  type        = number
  description = "Consecutive one-minute periods over the threshold before an alarm fires."
  default     = 5

  validation {
    condition     = var.evaluation_periods >= 1 && var.evaluation_periods <= 60
    error_message = "evaluation_periods must be between 1 and 60."
  }
}

variable "api_5xx_threshold" {
  type        = number
  description = "5xx responses per minute that count as breaching."
  default     = 5

  validation {
    condition     = var.api_5xx_threshold >= 0
    error_message = "api_5xx_threshold cannot be negative."
  }
}

variable "api_latency_p95_ms" {
  type        = number
  description = "p95 API latency (ms) that counts as breaching."
  default     = 2000

  validation {
    condition     = var.api_latency_p95_ms > 0
    error_message = "api_latency_p95_ms must be positive."
  }
}

variable "lambda_errors_threshold" {
  type        = number
  description = "Lambda errors per minute that count as breaching."
  default     = 5

  validation {
    condition     = var.lambda_errors_threshold >= 0
    error_message = "lambda_errors_threshold cannot be negative."
  }
}

variable "aurora_connections_threshold" {
  type        = number
  description = "Open Aurora connections that count as breaching."
  default     = 150

  validation {
    condition     = var.aurora_connections_threshold > 0
    error_message = "aurora_connections_threshold must be positive."
  }
}

variable "cpu_threshold_percent" {
  type        = number
  description = "Aurora CPU % and cache ECPU % of ceiling that count as breaching."
  default     = 80

  validation {
    condition     = var.cpu_threshold_percent > 0 && var.cpu_threshold_percent <= 100
    error_message = "cpu_threshold_percent must be between 1 and 100."
  }
}

variable "memory_threshold_percent" {
  type        = number
  description = "Cache storage % of ceiling that counts as breaching."
  default     = 80

  validation {
    condition     = var.memory_threshold_percent > 0 && var.memory_threshold_percent <= 100
    error_message = "memory_threshold_percent must be between 1 and 100."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
