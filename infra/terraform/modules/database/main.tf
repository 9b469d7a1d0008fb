locals {
  # With a password given (lean profile, no route to Secrets Manager) the cluster
  # uses it; otherwise RDS generates, stores and rotates it in Secrets Manager.
  managed_password = var.master_password == null
  # The name RDS gives the log group it exports PostgreSQL's log to.
  log_group_name = "/aws/rds/cluster/${var.name}/postgresql"
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-aurora"
  description = "Aurora PostgreSQL: only the application may connect"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-aurora" })
}

resource "aws_vpc_security_group_ingress_rule" "from_app" {
  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL from the Lambda security group"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = var.app_security_group_id
}

# Slow statements and schema changes are logged (exported to CloudWatch Logs);
# logging every statement would put user data in the logs. Connections without
# TLS are refused (Aurora PostgreSQL's default is to accept them).
resource "aws_rds_cluster_parameter_group" "this" {
  name        = var.name
  family      = "aurora-postgresql${var.engine_version}"
  description = "TLS only and query logging for ${var.name}"

  # pending-reboot is accepted for static and dynamic parameters alike; a new
  # cluster starts with it in force either way.
  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }

  parameter {
    name  = "log_statement"
    value = "ddl"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = tostring(var.log_min_duration_ms)
  }

  tags = var.tags
}

# RDS creates this group on first export when it does not exist, without a
# retention or a key; made here first (depends_on below), it keeps ours.
resource "aws_cloudwatch_log_group" "postgresql" {
  #checkov:skip=CKV_AWS_338:Staging keeps database logs for log_retention_in_days (30 days); a year of retention is a production decision (variable).
  name              = local.log_group_name
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

# The final snapshot's name must be new in the account and region, or the
# deletion fails once a snapshot of an earlier cluster of this name exists. The
# creation time makes it unique; ignore_changes keeps it from changing on every
# plan (a bare timestamp() in the cluster would). A new cluster (a change of the
# arguments below forces one) gets a new name.
resource "terraform_data" "final_snapshot_suffix" {
  input            = formatdate("YYYYMMDDhhmmss", plantimestamp())
  triggers_replace = [var.name, var.database_name, var.kms_key_arn]

  lifecycle {
    ignore_changes = [input]
  }
}

resource "aws_rds_cluster" "this" {
  #checkov:skip=CKV2_AWS_8:The backup module selects this cluster in an AWS Backup plan (hourly and daily, copied to us-west-2).
  cluster_identifier = var.name
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  # A major version only: RDS creates the cluster on that major's default minor,
  # and the provider accepts any later minor RDS upgrades it to, where a pinned
  # minor would make every plan after an automatic upgrade try to downgrade.
  engine_version  = var.engine_version
  database_name   = var.database_name
  master_username = var.master_username

  manage_master_user_password   = local.managed_password ? true : null
  master_user_secret_kms_key_id = local.managed_password ? var.kms_key_arn : null
  master_password               = var.master_password

  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name
  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.this.id]
  port                            = 5432

  storage_encrypted                   = true
  kms_key_id                          = var.kms_key_arn
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql"]

  backup_retention_period = var.backup_retention_period
  preferred_backup_window = "03:00-04:00"
  copy_tags_to_snapshot   = true
  deletion_protection     = var.deletion_protection
  # Always false: a destroy must leave a snapshot, whatever deletion_protection
  # was set to just before it (docs/deploy.md, "Tearing down").
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.name}-final-${terraform_data.final_snapshot_suffix.output}"

  serverlessv2_scaling_configuration {
    min_capacity = var.min_capacity
    max_capacity = var.max_capacity
    # Only meaningful at 0 ACU: the cluster pauses after this many idle seconds.
    seconds_until_auto_pause = var.min_capacity == 0 ? var.seconds_until_auto_pause : null
  }

  depends_on = [aws_cloudwatch_log_group.postgresql]
  tags       = var.tags
}

resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  identifier           = "${var.name}-${count.index}"
  cluster_identifier   = aws_rds_cluster.this.id
  instance_class       = "db.serverless"
  engine               = aws_rds_cluster.this.engine
  db_subnet_group_name = aws_db_subnet_group.this.name
  # Aurora applies minor upgrades to the whole cluster from this instance
  # setting; the instance's version follows the cluster's, so none is set here.
  auto_minor_version_upgrade      = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = var.kms_key_arn
  #checkov:skip=CKV_AWS_118:Enhanced monitoring adds a role and per-second metrics we do not read; Performance Insights and CloudWatch cover staging.
  tags = var.tags
}

# The application connects as a role with only the privileges it needs, not as
# the master user. Its credentials live in this secret, in the layout of the one
# RDS manages ({"username", "password"}). Terraform creates the secret empty: the
# migration-time command that creates the role (docs/deploy.md, "Database roles
# and credential rotation") generates the password, sets it on the role and
# writes it here, and it alone writes it afterwards. A version written by
# Terraform would put the password in the state, and would be written again as
# current on a later apply once rotations had retired it.
resource "aws_secretsmanager_secret" "app" {
  #checkov:skip=CKV2_AWS_57:Rotated by the app's create_app_role --rotate at deploy time (no rotation Lambda: the function that can reach the database is the app's).
  count = local.managed_password ? 1 : 0

  name                    = "${var.name}-db-app"
  description             = "Credentials of the database role ${var.app_username} that ${var.name}'s requests use"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_in_days
  tags                    = merge(var.tags, { DatabaseRole = var.app_username })
}
