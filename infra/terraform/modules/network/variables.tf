variable "name" {
  type        = string
  description = "Name prefix of every resource (e.g. habit-tracker-staging)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,40}$", var.name))
    error_message = "Use 3-41 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "cidr_block" {
  type        = string
  description = "CIDR block of the VPC."
  default     = "10.20.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr_block, 0))
    error_message = "cidr_block must be a valid IPv4 CIDR block."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Availability zones, one public and one private subnet in each."

  validation {
    condition     = length(var.availability_zones) >= 2
    error_message = "Aurora and ElastiCache need subnets in at least two availability zones."
  }
}

variable "public_subnet_cidrs" {
  type        = list(string)
  description = "CIDR of the public subnet in each availability zone (only NAT gateways live there)."
  default     = ["10.20.0.0/24", "10.20.1.0/24"]

  validation {
    condition     = alltrue([for cidr in var.public_subnet_cidrs : can(cidrhost(cidr, 0))])
    error_message = "Every public subnet CIDR must be a valid IPv4 CIDR block."
  }
}

variable "private_subnet_cidrs" {
  type        = list(string)
  description = "CIDR of the private subnet in each availability zone (Lambda, Aurora, ElastiCache)."
  default     = ["10.20.16.0/24", "10.20.17.0/24"]

  validation {
    condition     = alltrue([for cidr in var.private_subnet_cidrs : can(cidrhost(cidr, 0))])
    error_message = "Every private subnet CIDR must be a valid IPv4 CIDR block."
  }
}

variable "nat_gateway_mode" {
  type        = string
  description = "NAT gateways for private egress: none (no route out), single, or per_az."
  default     = "single"

  validation {
    condition     = contains(["none", "single", "per_az"], var.nat_gateway_mode)
    error_message = "nat_gateway_mode must be none, single or per_az."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting the flow log group."
}

variable "flow_log_retention_in_days" {
  type        = number
  description = "Days to keep VPC flow logs."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_in_days)
    error_message = "Use a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "flow_log_traffic_type" {
  type        = string
  description = "Which traffic the flow log records: ACCEPT, REJECT or ALL."
  default     = "REJECT"

  validation {
    condition     = contains(["ACCEPT", "REJECT", "ALL"], var.flow_log_traffic_type)
    error_message = "flow_log_traffic_type must be ACCEPT, REJECT or ALL."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
