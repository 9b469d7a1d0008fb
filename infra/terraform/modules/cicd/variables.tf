variable "name" {
  type        = string
  description = "Name prefix of projects, pipelines and roles (e.g. habit-tracker-staging)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,40}$", var.name))
    error_message = "Use 3-41 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "artifact_bucket_name" {
  type        = string
  description = "Globally unique name of the pipeline artifact bucket."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.artifact_bucket_name))
    error_message = "Bucket names are 3-63 lowercase letters, digits, dots and hyphens."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for artifacts, build logs and build outputs."
}

variable "source_provider" {
  type        = string
  description = "Git host of the repository."
  default     = "GitHub"

  validation {
    condition     = contains(["GitHub", "GitLab", "Bitbucket", "GitHubEnterpriseServer"], var.source_provider)
    error_message = "source_provider must be GitHub, GitLab, Bitbucket or GitHubEnterpriseServer."
  }
}

variable "repository" {
  type        = string
  description = "Repository as owner/name."

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

variable "terraform_env_dir" {
  type        = string
  description = "Terraform root the infrastructure pipeline plans and applies."
  default     = "infra/terraform/envs/staging"
}

variable "terraform_version" {
  type        = string
  description = "Terraform version installed in the infrastructure builds."
  default     = "1.11.4"

  validation {
    condition     = can(regex("^1\\.[0-9]+\\.[0-9]+$", var.terraform_version))
    error_message = "terraform_version must be a 1.x.y release."
  }
}

variable "terraform_policy_arn" {
  type        = string
  description = "Managed policy of the Terraform build role."
  default     = "arn:aws:iam::aws:policy/AdministratorAccess"
}

variable "lambda_architecture" {
  type        = string
  description = "Architecture of the Lambda; the image is built natively on a matching CodeBuild host."
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.lambda_architecture)
    error_message = "lambda_architecture must be arm64 or x86_64."
  }
}

variable "ecr_repository_url" {
  type        = string
  description = "ECR repository the backend image is pushed to (api module)."
}

variable "ecr_repository_arn" {
  type        = string
  description = "ARN of that repository."
}

variable "lambda_function_name" {
  type        = string
  description = "Function updated and migrated by the backend pipeline."
}

variable "lambda_function_arn" {
  type        = string
  description = "ARN of that function."
}

variable "site_bucket_name" {
  type        = string
  description = "Bucket the frontend is synced to."
}

variable "site_bucket_arn" {
  type        = string
  description = "ARN of that bucket."
}

variable "cloudfront_distribution_id" {
  type        = string
  description = "Distribution invalidated after a frontend deploy."
}

variable "log_retention_in_days" {
  type        = number
  description = "Days to keep build logs."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "Use a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
