variable "name" {
  type        = string
  description = "Name prefix of the distribution's policies and function (e.g. habit-tracker-staging)."

  validation {
    condition     = can(regex("^[a-zA-Z0-9-_]{1,50}$", var.name))
    error_message = "Use up to 50 letters, digits, '-' and '_'."
  }
}

variable "bucket_name" {
  type        = string
  description = "Globally unique name of the private bucket holding the built SPA."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "Bucket names are 3-63 lowercase letters, digits, dots and hyphens."
  }
}

variable "domain_name" {
  type        = string
  description = "Public host name of the app (CloudFront alias), e.g. habits.example.com."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$", var.domain_name))
    error_message = "domain_name must be a lowercase DNS name such as habits.example.com."
  }
}

variable "certificate_arn" {
  type        = string
  description = "Validated ACM certificate for domain_name, in us-east-1."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:us-east-1:", var.certificate_arn))
    error_message = "CloudFront needs an ACM certificate from us-east-1."
  }
}

variable "api_domain_name" {
  type        = string
  description = "Host name of the HTTP API (xxxx.execute-api.region.amazonaws.com)."
}

variable "api_stage_name" {
  type        = string
  description = "API Gateway stage, used as the origin path."
}

variable "origin_verify_secret" {
  type        = string
  description = "Secret CloudFront sends to the API in X-Origin-Verify; the app's ORIGIN_VERIFY_SECRET (module params creates it)."
  sensitive   = true

  validation {
    condition     = length(var.origin_verify_secret) >= 32 && can(regex("^[A-Za-z0-9_-]+$", var.origin_verify_secret))
    error_message = "origin_verify_secret must be at least 32 letters, digits, '-' or '_'."
  }
}

variable "web_acl_arn" {
  type        = string
  description = "WAFv2 web ACL (scope CLOUDFRONT) to attach; null attaches none (lean profile)."
  default     = null
}

variable "price_class" {
  type        = string
  description = "CloudFront price class; PriceClass_100 serves from North America and Europe at the lowest price."
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "content_security_policy" {
  type        = string
  description = "Content-Security-Policy sent when the origin sets none."
  default     = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'"
}

variable "force_destroy" {
  type        = bool
  description = "Let terraform destroy empty the site bucket."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
