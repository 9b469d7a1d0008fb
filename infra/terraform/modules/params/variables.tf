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
  description = "Parameter name (under prefix) to value: REDIS_URL, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, CORS_ALLOWED_ORIGINS, SITE_URL and the e-mail settings (EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_USE_TLS, EMAIL_USE_SSL, EMAIL_TIMEOUT, DEFAULT_FROM_EMAIL) and VAPID_SUBJECT. SECRET_KEY, VAPID_PRIVATE_KEY, ORIGIN_VERIFY_SECRET and EMAIL_HOST_PASSWORD are managed separately."

  validation {
    condition     = alltrue([for name in keys(var.parameters) : contains(["REDIS_URL", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "CORS_ALLOWED_ORIGINS", "SITE_URL", "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_TIMEOUT", "DEFAULT_FROM_EMAIL", "VAPID_SUBJECT"], name)])
    error_message = "Only REDIS_URL, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, CORS_ALLOWED_ORIGINS, SITE_URL, the e-mail settings and VAPID_SUBJECT are read by the application (EMAIL_HOST_PASSWORD goes in email_host_password)."
  }
}

variable "email_host_password" {
  type        = string
  description = "SMTP password (for Amazon SES: the SMTP password derived from the SMTP user's secret access key), stored as the SecureString EMAIL_HOST_PASSWORD. Pass it as TF_VAR_email_host_password, never in a tfvars file; null creates no parameter."
  default     = null
  sensitive   = true
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
