locals {
  major_engine_version = var.engine == "valkey" ? "8" : "7"
}

resource "aws_security_group" "this" {
  name        = "${var.name}-cache"
  description = "ElastiCache Serverless: only the application may connect"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-cache" })
}

# Serverless caches listen on 6379 (primary) and 6380 (reads from replicas).
resource "aws_vpc_security_group_ingress_rule" "from_app" {
  security_group_id            = aws_security_group.this.id
  description                  = "Redis protocol from the Lambda security group"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6380
  referenced_security_group_id = var.app_security_group_id
}

# ElastiCache Serverless always encrypts in transit (TLS only) and at rest.
resource "aws_elasticache_serverless_cache" "this" {
  name                     = var.name
  engine                   = var.engine
  major_engine_version     = local.major_engine_version
  description              = "Django cache and sessions"
  kms_key_id               = var.kms_key_arn
  subnet_ids               = var.subnet_ids
  security_group_ids       = [aws_security_group.this.id]
  snapshot_retention_limit = var.snapshot_retention_limit
  daily_snapshot_time      = "04:00"

  cache_usage_limits {
    data_storage {
      minimum = var.data_storage_minimum_gb
      maximum = var.data_storage_maximum_gb
      unit    = "GB"
    }

    ecpu_per_second {
      maximum = var.ecpu_per_second_maximum
    }
  }

  tags = var.tags
}
