variable "name" {
  type        = string
  description = "Cache name and name prefix (e.g. habit-tracker-staging)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,39}$", var.name))
    error_message = "Use up to 40 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "engine" {
  type        = string
  description = "redis (seed profile, Redis OSS 7) or valkey (lean profile: lower price and a 100 MB billing minimum instead of 1 GB)."
  default     = "redis"

  validation {
    condition     = contains(["redis", "valkey"], var.engine)
    error_message = "engine must be redis or valkey."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC of the cache."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets, in at least two availability zones."

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "ElastiCache Serverless needs subnets in at least two availability zones."
  }
}

variable "app_security_group_id" {
  type        = string
  description = "The only security group allowed to connect on 6379-6380 (the Lambda's)."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting the cache at rest and its snapshots."
}

variable "data_storage_minimum_gb" {
  type        = number
  description = "Storage kept warm and billed at least (GB); null bills only what is used, down to the engine's floor."
  default     = 1

  validation {
    condition     = var.data_storage_minimum_gb == null || try(var.data_storage_minimum_gb >= 1 && var.data_storage_minimum_gb <= 5000, false)
    error_message = "data_storage_minimum_gb must be null or between 1 and 5000."
  }
}

variable "data_storage_maximum_gb" {
  type        = number
  description = "Storage ceiling (GB); writes beyond it evict keys."
  default     = 10

  validation {
    condition     = var.data_storage_maximum_gb >= 1 && var.data_storage_maximum_gb <= 5000
    error_message = "data_storage_maximum_gb must be between 1 and 5000."
  }
}

variable "ecpu_per_second_maximum" {
  type        = number
  description = "ElastiCache Processing Units per second ceiling, a cost guard."
  default     = 5000

  validation {
    condition     = var.ecpu_per_second_maximum >= 1000 && var.ecpu_per_second_maximum <= 15000000
    error_message = "ecpu_per_second_maximum must be between 1000 and 15000000."
  }
}

variable "snapshot_retention_limit" {
  type        = number
  description = "Daily snapshots kept; the cache holds only rebuildable data, so 1 is enough."
  default     = 1

  validation {
    condition     = var.snapshot_retention_limit >= 0 && var.snapshot_retention_limit <= 35
    error_message = "snapshot_retention_limit must be between 0 and 35."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
