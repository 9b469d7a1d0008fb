data "aws_caller_identity" "current" {}

locals {
  name       = "${var.project}-${var.environment}"
  lean       = var.cost_profile == "lean"
  account_id = data.aws_caller_identity.current.account_id
  ssm_prefix = "/${var.project}/${var.environment}/"
  origin     = "https://${var.domain_name}"
  tags = {
    Project     = var.project
    Environment = var.environment
    CostProfile = var.cost_profile
    ManagedBy   = "terraform"
  }

  # CloudFront forwards every header but Host, so Django sees API Gateway's host
  # name; both names are listed instead of accepting any host.
  allowed_hosts = "${var.domain_name},${module.api.api_domain_name}"
  app_settings = merge({
    REDIS_URL            = module.cache.redis_url
    ALLOWED_HOSTS        = local.allowed_hosts
    CSRF_TRUSTED_ORIGINS = local.origin
    CORS_ALLOWED_ORIGINS = local.origin
    # Every link in an e-mail points here, never at the Host a request named.
    SITE_URL = local.origin
    # Who push services contact about this server's pushes (RFC 8292): the
    # sender address once there is one, else the site.
    VAPID_SUBJECT = var.email_from == "" ? local.origin : "mailto:${var.email_from}"
  }, local.email_settings)
  # E-mail (password reset, e-mail change, reminders) through Amazon SES's SMTP
  # interface in this region once email_host_user is set; until then the app
  # prints e-mails to its log (docs/deploy.md). The password is a SecureString
  # of its own (module params, TF_VAR_email_host_password).
  email_settings = var.email_host_user == "" ? {} : {
    EMAIL_BACKEND      = "smtp"
    EMAIL_HOST         = coalesce(var.email_host, "email-smtp.${var.region}.amazonaws.com")
    EMAIL_PORT         = "587"
    EMAIL_USE_TLS      = "true"
    EMAIL_HOST_USER    = var.email_host_user
    DEFAULT_FROM_EMAIL = "Habit Tracker <${coalesce(var.email_from, "no-reply@${var.domain_name}")}>"
  }

  # Requests reach Django through CloudFront, which appends the viewer to
  # X-Forwarded-For, then API Gateway, which appends the CloudFront edge: the
  # client is the second entry from the right (docs/decisions/0010).
  edge_environment = {
    TRUSTED_PROXY_COUNT = "2"
  }

  # Seed: the function reads its configuration at cold start through the NAT
  # gateway. Lean: there is no route out, so Terraform writes the values into the
  # function's KMS-encrypted environment at deploy time.
  lean_environment = merge(local.app_settings, local.edge_environment, {
    DATABASE_URL = local.lean ? "postgres://${module.database.master_username}:${coalesce(var.database_password, "unset")}@${module.database.endpoint}:${module.database.port}/${module.database.database_name}" : ""
    SECRET_KEY   = module.params.secret_key
    # Web Push signing key, drawn by module params; the app derives the public key.
    VAPID_PRIVATE_KEY = module.params.vapid_private_key
    # The seed profile reads it from SSM like the other parameters.
    ORIGIN_VERIFY_SECRET = module.params.origin_verify_secret
  }, var.email_host_password == null ? {} : { EMAIL_HOST_PASSWORD = var.email_host_password })
  # The database endpoint, TLS settings and (seed) secrets are set by the api
  # module from its db_* variables.
  seed_environment = merge(local.edge_environment, {
    SSM_PARAMETER_PREFIX = local.ssm_prefix
  })
  # CloudWatch Logs retention of every log group (function, access, database).
  log_retention_in_days = 30
}

# Fails the plan early instead of creating a lean database without a password.
resource "terraform_data" "profile_guard" {
  input = var.cost_profile

  lifecycle {
    precondition {
      condition     = !local.lean || var.database_password != null
      error_message = "The lean profile needs database_password (export TF_VAR_database_password=$(openssl rand -hex 24))."
    }
  }
}

module "kms" {
  source = "../../modules/kms"

  name        = local.name
  description = "Data key of ${local.name}"
}

module "network" {
  source = "../../modules/network"

  name                 = local.name
  cidr_block           = "10.20.0.0/16"
  availability_zones   = var.availability_zones
  public_subnet_cidrs  = ["10.20.0.0/24", "10.20.1.0/24"]
  private_subnet_cidrs = ["10.20.16.0/24", "10.20.17.0/24"]
  nat_gateway_mode     = local.lean ? "none" : var.nat_gateway_mode
  kms_key_arn          = module.kms.key_arn
}

module "database" {
  source = "../../modules/database"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.private_subnet_ids
  app_security_group_id    = module.network.app_security_group_id
  kms_key_arn              = module.kms.key_arn
  min_capacity             = local.lean ? 0 : 0.5
  max_capacity             = 4
  seconds_until_auto_pause = 600
  master_password          = local.lean ? var.database_password : null
  backup_retention_period  = 7
  deletion_protection      = var.deletion_protection
  log_retention_in_days    = local.log_retention_in_days
}

module "cache" {
  source = "../../modules/cache"

  name                    = local.name
  engine                  = local.lean ? "valkey" : "redis"
  vpc_id                  = module.network.vpc_id
  subnet_ids              = module.network.private_subnet_ids
  app_security_group_id   = module.network.app_security_group_id
  kms_key_arn             = module.kms.key_arn
  data_storage_minimum_gb = local.lean ? null : 1
  data_storage_maximum_gb = 10
}

module "params" {
  source = "../../modules/params"

  prefix                      = local.ssm_prefix
  parameters                  = local.app_settings
  email_host_password         = var.email_host_password
  create_origin_verify_secret = true
  kms_key_arn                 = module.kms.key_arn
}

module "monitoring" {
  source = "../../modules/monitoring"

  name                          = local.name
  kms_key_arn                   = module.kms.key_arn
  alarm_emails                  = var.alarm_emails
  log_retention_in_days         = local.log_retention_in_days
  function_name                 = "${local.name}-api"
  api_id                        = module.api.api_id
  api_stage_name                = module.api.stage_name
  db_cluster_identifier         = module.database.cluster_identifier
  cache_name                    = module.cache.name
  cache_ecpu_per_second_maximum = module.cache.ecpu_per_second_maximum
  cache_data_storage_maximum_gb = module.cache.data_storage_maximum_gb
}

module "api" {
  source = "../../modules/api"

  name                   = "${local.name}-api"
  stage_name             = var.environment
  image_tag              = var.image_tag
  subnet_ids             = module.network.private_subnet_ids
  security_group_id      = module.network.app_security_group_id
  kms_key_arn            = module.kms.key_arn
  read_aws_configuration = !local.lean
  db_host                = module.database.endpoint
  db_port                = module.database.port
  db_name                = module.database.database_name
  db_secret_arn          = local.lean ? "" : coalesce(module.database.master_user_secret_arn, "unset")
  db_app_secret_arn      = local.lean ? "" : coalesce(module.database.app_secret_arn, "unset")
  ssm_parameter_prefix   = local.lean ? "" : local.ssm_prefix
  environment            = local.lean ? tomap(local.lean_environment) : tomap(local.seed_environment)
  log_group_name         = module.monitoring.lambda_log_group_name
  log_group_arn          = module.monitoring.lambda_log_group_arn
  access_log_group_arn   = module.monitoring.api_access_log_group_arn
  reserved_concurrency   = var.reserved_concurrency
  force_delete_images    = var.force_destroy
  # The minute invocation drains the task queue for up to 50 s (module
  # scheduler); API Gateway still stops waiting for a request at 30 s.
  timeout = 60
}

module "scheduler" {
  source = "../../modules/scheduler"

  name            = "${local.name}-worker"
  function_arn    = module.api.function_arn
  function_name   = module.api.function_name
  kms_key_arn     = module.kms.key_arn
  alarm_topic_arn = module.monitoring.topic_arn
  # Lean: a tick every minute keeps Aurora from pausing (+$43.80 a month,
  # docs/COST.md), so there it runs only when asked for.
  enabled = coalesce(var.worker_schedule_enabled, !local.lean)
}

module "waf" {
  source    = "../../modules/waf"
  count     = local.lean ? 0 : 1
  providers = { aws = aws.us_east_1 }

  name                   = local.name
  enable_common_rule_set = var.enable_common_rule_set
  kms_key_arn            = var.region == "us-east-1" ? module.kms.key_arn : null
}

module "dns" {
  source    = "../../modules/dns"
  providers = { aws = aws.us_east_1 }

  domain_name    = var.domain_name
  hosted_zone_id = var.hosted_zone_id
  alias_target = {
    domain_name    = module.web.distribution_domain_name
    hosted_zone_id = module.web.distribution_hosted_zone_id
  }
}

module "web" {
  source = "../../modules/web"

  name            = local.name
  bucket_name     = "${local.name}-site-${local.account_id}"
  domain_name     = var.domain_name
  certificate_arn = module.dns.certificate_arn
  api_domain_name = module.api.api_domain_name
  api_stage_name  = module.api.stage_name
  web_acl_arn     = local.lean ? null : module.waf[0].web_acl_arn
  force_destroy   = var.force_destroy
  # The app refuses API requests without it (ORIGIN_VERIFY_SECRET).
  origin_verify_secret = module.params.origin_verify_secret
}

module "backup" {
  source    = "../../modules/backup"
  providers = { aws = aws, aws.dr = aws.dr }

  name          = local.name
  kms_key_arn   = module.kms.key_arn
  resource_arns = [module.database.cluster_arn]
}

module "cicd" {
  source = "../../modules/cicd"

  name                       = local.name
  artifact_bucket_name       = "${local.name}-artifacts-${local.account_id}"
  kms_key_arn                = module.kms.key_arn
  repository                 = var.repository
  branch                     = var.branch
  terraform_env_dir          = "infra/terraform/envs/${var.environment}"
  ecr_repository_url         = module.api.repository_url
  ecr_repository_arn         = module.api.repository_arn
  lambda_function_name       = module.api.function_name
  lambda_function_arn        = module.api.function_arn
  site_bucket_name           = module.web.bucket_name
  site_bucket_arn            = module.web.bucket_arn
  cloudfront_distribution_id = module.web.distribution_id
}
