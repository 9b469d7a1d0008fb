variable "prefix" {
  type        = string
  description = "Path of the parameters, with leading and trailing slash, e.g. /habit-tracker/staging/."

  validation {
    condition     = can(regex("^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*/$", var.prefix))
    error_message = "prefix must look like /habit-tracker/staging/."
  }
}

variable "parameters" {
  type        = map(string)
  description = "Parameter name (under prefix) to value: REDIS_URL, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, CORS_ALLOWED_ORIGINS. SECRET_KEY and ORIGIN_VERIFY_SECRET are managed separately."

  validation {
    condition     = alltrue([for name in keys(var.parameters) : contains(["REDIS_URL", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "CORS_ALLOWED_ORIGINS"], name)])
    error_message = "Only REDIS_URL, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS and CORS_ALLOWED_ORIGINS are read by the application."
  }
}

variable "create_origin_verify_secret" {
  type        = bool
  description = "Create ORIGIN_VERIFY_SECRET, a random value CloudFront sends in X-Origin-Verify and the app requires (true wherever CloudFront fronts the API)."
  default     = false
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting the SecureString parameters."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every parameter."
  default     = {}
}
