variable "name" {
  type        = string
  description = "Name of the function, repository, role and API (e.g. habit-tracker-staging-api)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,55}$", var.name))
    error_message = "Use 3-56 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "stage_name" {
  type        = string
  description = "API Gateway stage; also passed to Django as API_STAGE to strip the prefix."
  default     = "staging"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_-]{0,127}$", var.stage_name)) && var.stage_name != "$default"
    error_message = "Use a named stage of lowercase letters, digits, '_' and '-'."
  }
}

variable "image_tag" {
  type        = string
  description = "Tag of the first image the function is created from; the pipeline deploys later ones."

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a valid Docker tag."
  }
}

variable "architecture" {
  type        = string
  description = "Lambda architecture; arm64 is 20% cheaper per GB-second. Must match the image."
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_size" {
  type        = number
  description = "Lambda memory in MB; CPU grows with it, so it also shortens cold starts."
  default     = 1024

  validation {
    condition     = var.memory_size >= 512 && var.memory_size <= 10240
    error_message = "memory_size must be between 512 and 10240 MB."
  }
}

variable "timeout" {
  type        = number
  description = "Lambda timeout in seconds (API Gateway stops waiting at 30)."
  default     = 30

  validation {
    condition     = var.timeout >= 3 && var.timeout <= 900
    error_message = "timeout must be between 3 and 900 seconds."
  }
}

variable "reserved_concurrency" {
  type        = number
  description = "Reserved concurrent executions, a cap that protects the database; null leaves the function unreserved."
  default     = null

  validation {
    condition     = var.reserved_concurrency == null || try(var.reserved_concurrency >= 1, false)
    error_message = "reserved_concurrency must be null or at least 1."
  }
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets the function's ENIs live in."

  validation {
    condition     = length(var.subnet_ids) >= 1
    error_message = "Give at least one private subnet."
  }
}

variable "security_group_id" {
  type        = string
  description = "Security group of the function (the network module's app group)."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for the ECR repository, the function's environment, SSM and the secret."
}

variable "environment" {
  type        = map(string)
  description = "Extra environment variables. DJANGO_ENV, API_STAGE and, from the db_* variables, DB_* are set by the module and win. In the lean profile this carries secrets, hence sensitive."
  default     = {}
  sensitive   = true
}

variable "read_aws_configuration" {
  type        = bool
  description = "Pass and grant access to the database secrets and the SSM prefix (seed profile). False when configuration is passed as environment variables (lean profile)."
  default     = true
}

variable "db_secret_arn" {
  type        = string
  description = "ARN of the RDS-managed master secret (username and password only); passed as DB_SECRET_ARN and readable when read_aws_configuration."
  default     = ""
}

variable "db_app_secret_arn" {
  type        = string
  description = "ARN of the application role's secret; passed as DB_APP_SECRET_ARN, readable and writable (rotation) when read_aws_configuration."
  default     = ""
}

variable "db_host" {
  type        = string
  description = "Database endpoint, passed as DB_HOST (the RDS secret holds no host)."
}

variable "db_port" {
  type        = number
  description = "Database port, passed as DB_PORT."
  default     = 5432

  validation {
    condition     = var.db_port >= 1 && var.db_port <= 65535
    error_message = "db_port must be a TCP port."
  }
}

variable "db_name" {
  type        = string
  description = "Database name, passed as DB_NAME."
  default     = "habits"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.db_name))
    error_message = "Use lowercase letters, digits and underscores, starting with a letter."
  }
}

variable "db_sslmode" {
  type        = string
  description = "libpq sslmode, passed as DB_SSLMODE. verify-full checks the server's certificate and host name against db_sslrootcert."
  default     = "verify-full"

  validation {
    condition     = contains(["require", "verify-ca", "verify-full"], var.db_sslmode)
    error_message = "db_sslmode must be require, verify-ca or verify-full: the cluster refuses connections without TLS."
  }
}

variable "db_sslrootcert" {
  type        = string
  description = "Path of the RDS global CA bundle inside the image, passed as DB_SSLROOTCERT (the Dockerfile puts it there)."
  default     = "/etc/pki/rds/global-bundle.pem"

  validation {
    condition     = startswith(var.db_sslrootcert, "/")
    error_message = "db_sslrootcert must be an absolute path inside the image."
  }
}

variable "ssm_parameter_prefix" {
  type        = string
  description = "SSM path the function may read, e.g. /habit-tracker/staging/ (when read_aws_configuration)."
  default     = ""

  validation {
    condition     = var.ssm_parameter_prefix == "" || can(regex("^/[A-Za-z0-9_./-]+/$", var.ssm_parameter_prefix))
    error_message = "ssm_parameter_prefix must start and end with '/'."
  }
}

variable "log_group_name" {
  type        = string
  description = "CloudWatch log group of the function (created by the monitoring module)."
}

variable "log_group_arn" {
  type        = string
  description = "ARN of log_group_name, to scope the logging permission."
}

variable "access_log_group_arn" {
  type        = string
  description = "CloudWatch log group ARN for API Gateway access logs."
}

variable "throttling_burst_limit" {
  type        = number
  description = "API Gateway burst limit for the stage."
  default     = 200

  validation {
    condition     = var.throttling_burst_limit >= 1
    error_message = "throttling_burst_limit must be positive."
  }
}

variable "throttling_rate_limit" {
  type        = number
  description = "API Gateway steady-state requests per second for the stage."
  default     = 100

  validation {
    condition     = var.throttling_rate_limit >= 1
    error_message = "throttling_rate_limit must be positive."
  }
}

variable "images_to_keep" {
  type        = number
  description = "Images kept in ECR for rollback."
  default     = 20

  validation {
    condition     = var.images_to_keep >= 2
    error_message = "Keep at least two images so a rollback is possible."
  }
}

variable "force_delete_images" {
  type        = bool
  description = "Let terraform destroy delete the repository with images in it (tests and throwaway environments)."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
