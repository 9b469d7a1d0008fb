# Test root for infra/tests/test_moto_apply.py: the modules moto_server can
# create, wired like envs/staging, against a local endpoint. Never used with AWS.
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
  s3_use_path_style           = true

  endpoints {
    apigatewayv2   = var.endpoint
    cloudwatch     = var.endpoint
    ec2            = var.endpoint
    ecr            = var.endpoint
    iam            = var.endpoint
    kms            = var.endpoint
    lambda         = var.endpoint
    logs           = var.endpoint
    rds            = var.endpoint
    s3             = var.endpoint
    scheduler      = var.endpoint
    secretsmanager = var.endpoint
    sns            = var.endpoint
    sqs            = var.endpoint
    ssm            = var.endpoint
    sts            = var.endpoint
  }
}

locals {
  name   = "habit-tracker-moto"
  prefix = "/habit-tracker/moto/"
}

module "kms" {
  source = "../../terraform/modules/kms"

  name                    = local.name
  deletion_window_in_days = 7
}

module "network" {
  source = "../../terraform/modules/network"

  name               = local.name
  availability_zones = ["us-east-1a", "us-east-1b"]
  nat_gateway_mode   = "single"
  kms_key_arn        = module.kms.key_arn
}

# The real database module: moto's RDS creates the cluster, its parameter group
# and the secret RDS manages (manage_master_user_password), in RDS's layout.
module "database" {
  source = "../../terraform/modules/database"

  name                           = local.name
  vpc_id                         = module.network.vpc_id
  subnet_ids                     = module.network.private_subnet_ids
  app_security_group_id          = module.network.app_security_group_id
  kms_key_arn                    = module.kms.key_arn
  deletion_protection            = false
  secret_recovery_window_in_days = 0
}

module "params" {
  source = "../../terraform/modules/params"

  prefix = local.prefix
  parameters = {
    REDIS_URL            = "rediss://cache.internal:6379/0"
    ALLOWED_HOSTS        = "habits.example.com"
    CSRF_TRUSTED_ORIGINS = "https://habits.example.com"
    CORS_ALLOWED_ORIGINS = "https://habits.example.com"
  }
  create_origin_verify_secret = true
  kms_key_arn                 = module.kms.key_arn
}

module "site_bucket" {
  source = "../../terraform/modules/bucket"

  name          = "${local.name}-site"
  force_destroy = true
}

module "artifact_bucket" {
  source = "../../terraform/modules/bucket"

  name          = "${local.name}-artifacts"
  kms_key_arn   = module.kms.key_arn
  force_destroy = true
}

module "monitoring" {
  source = "../../terraform/modules/monitoring"

  name                          = local.name
  kms_key_arn                   = module.kms.key_arn
  alarm_emails                  = ["ops@example.com"]
  function_name                 = "${local.name}-api"
  api_id                        = module.api.api_id
  api_stage_name                = module.api.stage_name
  db_cluster_identifier         = module.database.cluster_identifier
  cache_name                    = local.name
  cache_ecpu_per_second_maximum = 5000
  cache_data_storage_maximum_gb = 10
}

module "api" {
  source = "../../terraform/modules/api"

  name                 = "${local.name}-api"
  stage_name           = "staging"
  image_tag            = "bootstrap"
  subnet_ids           = module.network.private_subnet_ids
  security_group_id    = module.network.app_security_group_id
  kms_key_arn          = module.kms.key_arn
  db_host              = module.database.endpoint
  db_port              = module.database.port
  db_name              = module.database.database_name
  db_secret_arn        = module.database.master_user_secret_arn
  db_app_secret_arn    = module.database.app_secret_arn
  ssm_parameter_prefix = local.prefix
  environment = {
    SSM_PARAMETER_PREFIX = local.prefix
  }
  log_group_name       = module.monitoring.lambda_log_group_name
  log_group_arn        = module.monitoring.lambda_log_group_arn
  access_log_group_arn = module.monitoring.api_access_log_group_arn
  force_delete_images  = true
}

module "scheduler" {
  source = "../../terraform/modules/scheduler"

  name            = "${local.name}-worker"
  function_arn    = module.api.function_arn
  function_name   = module.api.function_name
  kms_key_arn     = module.kms.key_arn
  alarm_topic_arn = module.monitoring.topic_arn
}

output "scheduler" {
  value = module.scheduler
}

output "vpc_id" {
  value = module.network.vpc_id
}

output "function_name" {
  value = module.api.function_name
}

output "alarm_names" {
  value = module.monitoring.alarm_names
}

output "api_id" {
  value = module.api.api_id
}

output "database" {
  value = module.database
}

output "kms_key_arn" {
  value = module.kms.key_arn
}
