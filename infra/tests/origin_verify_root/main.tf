# Test root for infra/tests/test_origin_verify_wiring.py: the params module's
# ORIGIN_VERIFY_SECRET against a local moto server. Never used with AWS.
terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # The test passes -backend-config=path=<tmp dir>/terraform.tfstate.
  backend "local" {}
}

variable "endpoint" {
  type        = string
  description = "URL of the moto server, e.g. http://127.0.0.1:5000."
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = false
  skip_region_validation      = true

  endpoints {
    iam            = var.endpoint
    kms            = var.endpoint
    secretsmanager = var.endpoint
    ssm            = var.endpoint
    sts            = var.endpoint
  }
}

module "kms" {
  source = "../../terraform/modules/kms"

  name                    = "habit-tracker-origin-verify"
  deletion_window_in_days = 7
}

module "params" {
  source = "../../terraform/modules/params"

  prefix = "/habit-tracker/origin-verify/"
  parameters = {
    ALLOWED_HOSTS = "habits.example.com"
  }
  create_origin_verify_secret = true
  kms_key_arn                 = module.kms.key_arn
}

output "origin_verify_secret" {
  description = "What module web would send to the API origin."
  value       = module.params.origin_verify_secret
  sensitive   = true
}
