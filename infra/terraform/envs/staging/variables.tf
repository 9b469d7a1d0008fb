variable "project" {
  type        = string
  description = "Project name, first part of every resource name."
  default     = "habit-tracker"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,20}$", var.project))
    error_message = "Use 3-21 lowercase letters, digits and hyphens."
  }
}

variable "environment" {
  type        = string
  description = "Environment name; also the API Gateway stage."
  default     = "staging"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,11}$", var.environment))
    error_message = "Use 2-12 lowercase letters and digits."
  }
}

variable "region" {
  type        = string
  description = "Primary region."
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like us-east-1."
  }
}

variable "dr_region" {
  type        = string
  description = "Region receiving backup copies."
  default     = "us-west-2"

  validation {
    condition     = can(regex("^[a-z]{2}-[a-z]+-[0-9]$", var.dr_region))
    error_message = "dr_region must look like us-west-2."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Two availability zones of the primary region."
  default     = ["us-east-1a", "us-east-1b"]

  validation {
    condition     = length(var.availability_zones) == 2
    error_message = "The seed's subnet plan has exactly two availability zones."
  }
}

variable "cost_profile" {
  type        = string
  description = "seed: the architecture as drawn (NAT, Aurora 0.5-4 ACU, Redis 1-10 GB, WAF). lean: idles under $15/month (no NAT, Aurora pauses at 0 ACU, Valkey, no WAF); see docs/COST.md."
  default     = "seed"

  validation {
    condition     = contains(["seed", "lean"], var.cost_profile)
    error_message = "cost_profile must be seed or lean."
  }
}

variable "nat_gateway_mode" {
  type        = string
  description = "NAT gateways in the seed profile: single or per_az (lean always has none)."
  default     = "single"

  validation {
    condition     = contains(["single", "per_az"], var.nat_gateway_mode)
    error_message = "nat_gateway_mode must be single or per_az."
  }
}

variable "database_password" {
  type        = string
  description = "Lean profile only: Aurora master password (letters and digits, 16+), e.g. TF_VAR_database_password=$(openssl rand -hex 24). The seed profile lets RDS manage it."
  default     = null
  sensitive   = true

  validation {
    condition     = var.database_password == null || can(regex("^[A-Za-z0-9]{16,128}$", coalesce(var.database_password, "x")))
    error_message = "database_password must be 16-128 letters and digits (it is embedded in DATABASE_URL without escaping)."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Protect the database from deletion (true in production). A destroy always takes a final snapshot."
  default     = true
}

variable "force_destroy" {
  type        = bool
  description = "Let terraform destroy delete the site bucket and the image repository with their contents. Set only to tear the environment down (docs/deploy.md)."
  default     = false
}

variable "domain_name" {
  type        = string
  description = "Public host name of the app, e.g. habits.example.com."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$", var.domain_name))
    error_message = "domain_name must be a lowercase DNS name such as habits.example.com."
  }
}

variable "hosted_zone_id" {
  type        = string
  description = "Route 53 public hosted zone holding domain_name."

  validation {
    condition     = can(regex("^Z[A-Z0-9]{1,31}$", var.hosted_zone_id))
    error_message = "hosted_zone_id looks like Z0123456789ABCDEFGHIJ."
  }
}

variable "image_tag" {
  type        = string
  description = "Tag of the image pushed before the first apply (docs/deploy.md); later images come from the backend pipeline."
  default     = "bootstrap"

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a valid Docker tag."
  }
}

variable "reserved_concurrency" {
  type        = number
  description = "Reserved concurrency of the API function (a cap protecting Aurora); null for none."
  default     = null

  validation {
    condition     = var.reserved_concurrency == null || try(var.reserved_concurrency >= 1, false)
    error_message = "reserved_concurrency must be null or at least 1."
  }
}

variable "enable_common_rule_set" {
  type        = bool
  description = "Add the AWS managed Common Rule Set to the web ACL (seed profile)."
  default     = true
}

variable "alarm_emails" {
  type        = list(string)
  description = "Addresses receiving alarm notifications."
  default     = []

  validation {
    condition     = alltrue([for email in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", email))])
    error_message = "Every alarm email must be an email address."
  }
}

variable "repository" {
  type        = string
  description = "Git repository (owner/name) the pipelines build."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.repository))
    error_message = "repository must look like owner/name."
  }
}

variable "branch" {
  type        = string
  description = "Branch the pipelines deploy."
  default     = "main"
}

variable "worker_schedule_enabled" {
  type        = bool
  description = "Invoke the function every minute to send reminders and run background tasks (module scheduler). null: on in seed, off in lean, where the minute tick would keep Aurora from pausing (+$43.80 a month, docs/COST.md)."
  default     = null
}

variable "email_host_user" {
  type        = string
  description = "SMTP user name (for Amazon SES: the SMTP credentials' user name). Empty: no e-mail is sent, the app prints e-mails to its log (docs/deploy.md)."
  default     = ""
}

variable "email_host" {
  type        = string
  description = "SMTP server (STARTTLS on port 587). Empty: Amazon SES's SMTP endpoint in var.region."
  default     = ""
}

variable "email_from" {
  type        = string
  description = "Sender address of the e-mails, verified in SES. Empty: no-reply@<domain_name>."
  default     = ""

  validation {
    condition     = var.email_from == "" || can(regex("^[^@\\s<>]+@[^@\\s<>]+$", var.email_from))
    error_message = "email_from must be a bare address such as no-reply@habits.example.com."
  }
}

variable "email_host_password" {
  type        = string
  description = "SMTP password (for SES: derived from the SMTP user's secret key), as TF_VAR_email_host_password; stored as a SecureString in SSM (seed) or the encrypted function environment (lean)."
  default     = null
  sensitive   = true
}
