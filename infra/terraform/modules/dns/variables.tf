variable "domain_name" {
  type        = string
  description = "Host name of the app, e.g. habits.example.com; must be in hosted_zone_id."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$", var.domain_name))
    error_message = "domain_name must be a lowercase DNS name such as habits.example.com."
  }
}

variable "hosted_zone_id" {
  type        = string
  description = "Route 53 public hosted zone holding domain_name (created when the domain was registered or delegated)."

  validation {
    condition     = can(regex("^Z[A-Z0-9]{1,31}$", var.hosted_zone_id))
    error_message = "hosted_zone_id looks like Z0123456789ABCDEFGHIJ."
  }
}

variable "alias_target" {
  type = object({
    domain_name    = string
    hosted_zone_id = string
  })
  description = "CloudFront distribution the A/AAAA alias records point at; null creates only the certificate."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the certificate."
  default     = {}
}
