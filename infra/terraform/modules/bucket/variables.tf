variable "name" {
  type        = string
  description = "Globally unique bucket name."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.name))
    error_message = "Bucket names are 3-63 lowercase letters, digits, dots and hyphens."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for SSE-KMS; null uses SSE-S3 (needed behind CloudFront OAC without a key-policy cycle)."
  default     = null
}

variable "policy_json" {
  type        = string
  description = "Extra bucket policy statements (JSON) merged with the TLS-only statement."
  default     = null
}

variable "noncurrent_version_expiration_days" {
  type        = number
  description = "Days an overwritten or deleted object version is kept."
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days must be at least 1."
  }
}

variable "force_destroy" {
  type        = bool
  description = "Let terraform destroy delete a non-empty bucket."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the bucket."
  default     = {}
}
