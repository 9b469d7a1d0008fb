data "aws_region" "current" {}

locals {
  region = data.aws_region.current.name
  alarms = {
    api-5xx = {
      description = "API Gateway returned 5xx responses"
      namespace   = "AWS/ApiGateway"
      metric      = "5xx"
      statistic   = "Sum"
      threshold   = var.api_5xx_threshold
      dimensions  = { ApiId = var.api_id, Stage = var.api_stage_name }
    }
    api-latency = {
      description = "API Gateway p95 latency is high"
      namespace   = "AWS/ApiGateway"
      metric      = "Latency"
      statistic   = "p95"
      threshold   = var.api_latency_p95_ms
      dimensions  = { ApiId = var.api_id, Stage = var.api_stage_name }
    }
    lambda-errors = {
      description = "The API function raised errors"
      namespace   = "AWS/Lambda"
      metric      = "Errors"
      statistic   = "Sum"
      threshold   = var.lambda_errors_threshold
      dimensions  = { FunctionName = var.function_name }
    }
    lambda-throttles = {
      description = "The API function was throttled"
      namespace   = "AWS/Lambda"
      metric      = "Throttles"
      statistic   = "Sum"
      threshold   = 0
      dimensions  = { FunctionName = var.function_name }
    }
    aurora-connections = {
      description = "Aurora has many open connections (Lambda concurrency without pooling)"
      namespace   = "AWS/RDS"
      metric      = "DatabaseConnections"
      statistic   = "Maximum"
      threshold   = var.aurora_connections_threshold
      dimensions  = { DBClusterIdentifier = var.db_cluster_identifier }
    }
    aurora-cpu = {
      description = "Aurora CPU is high"
      namespace   = "AWS/RDS"
      metric      = "CPUUtilization"
      statistic   = "Average"
      threshold   = var.cpu_threshold_percent
      dimensions  = { DBClusterIdentifier = var.db_cluster_identifier }
    }
    # Serverless caches publish no CPUUtilization; ECPU consumption against the
    # configured ceiling is their CPU, and BytesUsedForCache their memory.
    # ElastiCacheProcessingUnits counts the ECPUs consumed, so a minute's Sum is
    # the minute's consumption (the threshold is the ceiling per second x 60).
    redis-cpu = {
      description = "Cache ECPU consumption is near its configured ceiling"
      namespace   = "AWS/ElastiCache"
      metric      = "ElastiCacheProcessingUnits"
      statistic   = "Sum"
      threshold   = var.cache_ecpu_per_second_maximum * 60 * var.cpu_threshold_percent / 100
      dimensions  = { clusterId = var.cache_name }
    }
    redis-memory = {
      description = "Cache data is near its storage ceiling"
      namespace   = "AWS/ElastiCache"
      metric      = "BytesUsedForCache"
      statistic   = "Maximum"
      threshold   = var.cache_data_storage_maximum_gb * 1073741824 * var.memory_threshold_percent / 100
      dimensions  = { clusterId = var.cache_name }
    }
  }
}

resource "aws_sns_topic" "this" {
  name              = "${var.name}-alarms"
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_log_group" "lambda" {
  #checkov:skip=CKV_AWS_338:Staging keeps function logs for log_retention_in_days (30 days); a year of retention is a production decision (variable).
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_cloudwatch_log_group" "api_access" {
  #checkov:skip=CKV_AWS_338:Staging keeps access logs for log_retention_in_days (30 days); a year of retention is a production decision (variable).
  name              = "/aws/apigateway/${var.name}-http-api"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = startswith(each.value.statistic, "p") ? null : each.value.statistic
  extended_statistic  = startswith(each.value.statistic, "p") ? each.value.statistic : null
  period              = 60
  evaluation_periods  = var.evaluation_periods
  datapoints_to_alarm = var.evaluation_periods
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.this.arn]
  ok_actions          = [aws_sns_topic.this.arn]
  tags                = var.tags
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = "${var.name}-overview"
  dashboard_body = jsonencode({
    widgets = [
      for index, key in keys(local.alarms) : {
        type   = "metric"
        x      = (index % 2) * 12
        y      = floor(index / 2) * 6
        width  = 12
        height = 6
        properties = {
          title  = local.alarms[key].description
          region = local.region
          view   = "timeSeries"
          stat   = local.alarms[key].statistic
          period = 60
          metrics = [
            concat(
              [local.alarms[key].namespace, local.alarms[key].metric],
              flatten([for name, value in local.alarms[key].dimensions : [name, value]]),
            )
          ]
          annotations = {
            horizontal = [{ label = "alarm", value = local.alarms[key].threshold }]
          }
        }
      }
    ]
  })
}
