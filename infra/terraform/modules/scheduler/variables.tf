variable "name" {
  type        = string
  description = "Name of the schedule, and prefix of its role, queue and alarms (e.g. habit-tracker-staging-worker)."

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,50}$", var.name))
    error_message = "name may hold letters, digits, '_' and '-', at most 50 characters (the queue and role add suffixes)."
  }
}

variable "function_arn" {
  type        = string
  description = "ARN of the Lambda function the schedule invokes (module api's function_arn)."

  validation {
    condition     = can(regex("^arn:[a-z-]+:lambda:", var.function_arn))
    error_message = "function_arn must be a Lambda function ARN."
  }
}

variable "function_name" {
  type        = string
  description = "Name of the same function: the dimension of the worker's metrics and the target of its async-invoke settings."
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key encrypting the dead-letter queue."
}

variable "alarm_topic_arn" {
  type        = string
  description = "SNS topic the alarms notify (module monitoring's topic_arn); null sends nothing."
  default     = null
}

variable "enabled" {
  type        = bool
  description = "Whether the schedule invokes the function. Off, reminders and other background work wait (and /health/ reports the worker late)."
  default     = true
}

variable "schedule_expression" {
  type        = string
  description = "How often to invoke; reminders are to the minute, so rate(1 minute)."
  default     = "rate(1 minute)"

  validation {
    condition     = can(regex("^(rate|cron)\\(.+\\)$", var.schedule_expression))
    error_message = "schedule_expression must be a rate(...) or cron(...) expression."
  }
}

variable "lag_threshold_seconds" {
  type        = number
  description = "Alarm when the oldest due reminder or queued task has waited longer than this."
  default     = 300

  validation {
    condition     = var.lag_threshold_seconds >= 60
    error_message = "lag_threshold_seconds must be at least 60: a reminder is due to the minute."
  }
}

variable "evaluation_periods" {
  type        = number
  description = "Minutes each worker alarm looks back over."
  default     = 5

  validation {
    condition     = var.evaluation_periods >= 3 && var.evaluation_periods <= 60
    error_message = "evaluation_periods must be between 3 and 60."
  }
}

variable "dead_letter_retention_seconds" {
  type        = number
  description = "How long undeliverable invocations stay in the dead-letter queue for inspection."
  default     = 1209600

  validation {
    condition     = var.dead_letter_retention_seconds >= 60 && var.dead_letter_retention_seconds <= 1209600
    error_message = "SQS keeps messages from 60 seconds to 14 days."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
