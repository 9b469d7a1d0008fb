data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id
  # The app prints these in one embedded-metric log line per minute invocation
  # (backend/config/scheduled.py), with the function's name as the dimension.
  namespace = "HabitTracker/Worker"
  worker    = { Function = var.function_name }
  alarms = {
    dispatch-failing = {
      description         = "A periodic task (reminder dispatch) failed in several of the last minutes"
      namespace           = local.namespace
      metric              = "PeriodicTaskFailures"
      statistic           = "Sum"
      comparison          = "GreaterThanThreshold"
      threshold           = 0
      dimensions          = local.worker
      datapoints          = 3
      treat_missing_data  = "notBreaching"
      evaluation_periods  = var.evaluation_periods
      period              = 60
      alarm_when_disabled = false
    }
    # Missing data is breaching: an invocation that crashes or times out prints
    # no metrics, and neither does a schedule that stopped invoking.
    not-ticking = {
      description         = "No minute invocation completed in the last minutes"
      namespace           = local.namespace
      metric              = "Ticks"
      statistic           = "Sum"
      comparison          = "LessThanThreshold"
      threshold           = 1
      dimensions          = local.worker
      datapoints          = var.evaluation_periods
      treat_missing_data  = "breaching"
      evaluation_periods  = var.evaluation_periods
      period              = 60
      alarm_when_disabled = false
    }
    reminders-behind = {
      description         = "Reminders that should have fired are still waiting after a dispatch"
      namespace           = local.namespace
      metric              = "ReminderLagSeconds"
      statistic           = "Maximum"
      comparison          = "GreaterThanThreshold"
      threshold           = var.lag_threshold_seconds
      dimensions          = local.worker
      datapoints          = 3
      treat_missing_data  = "notBreaching"
      evaluation_periods  = var.evaluation_periods
      period              = 60
      alarm_when_disabled = false
    }
    queue-behind = {
      description         = "Queued sends wait longer than the drain can keep up with"
      namespace           = local.namespace
      metric              = "QueueLagSeconds"
      statistic           = "Maximum"
      comparison          = "GreaterThanThreshold"
      threshold           = var.lag_threshold_seconds
      dimensions          = local.worker
      datapoints          = 3
      treat_missing_data  = "notBreaching"
      evaluation_periods  = var.evaluation_periods
      period              = 60
      alarm_when_disabled = false
    }
    dead-letters = {
      description         = "EventBridge Scheduler could not invoke the function (see the dead-letter queue)"
      namespace           = "AWS/SQS"
      metric              = "ApproximateNumberOfMessagesVisible"
      statistic           = "Maximum"
      comparison          = "GreaterThanThreshold"
      threshold           = 0
      dimensions          = { QueueName = aws_sqs_queue.dead_letter.name }
      datapoints          = 1
      treat_missing_data  = "notBreaching"
      evaluation_periods  = 1
      period              = 300
      alarm_when_disabled = true
    }
  }
}

# What a minute invocation that EventBridge Scheduler could not deliver (the
# function throttled, deleted, or the role refused) becomes: a message here.
resource "aws_sqs_queue" "dead_letter" {
  name                              = "${var.name}-dlq"
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  message_retention_seconds         = var.dead_letter_retention_seconds
  tags                              = var.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    # Only schedules of this account may use the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name}-scheduler"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

# Least privilege: invoke this one function, write to this one queue, and use
# the key only through SQS.
data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeTheFunction"
    actions   = ["lambda:InvokeFunction"]
    resources = [var.function_arn, "${var.function_arn}:*"]
  }

  statement {
    sid       = "DeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letter.arn]
  }

  statement {
    sid       = "DeadLetterEncryption"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sqs.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "invoke"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_scheduler_schedule" "this" {
  #checkov:skip=CKV_AWS_297:The schedule's only payload is the constant {"scheduled": "minute"}; nothing in it needs a customer-managed key.
  name                         = var.name
  group_name                   = "default"
  description                  = "Minute tick of the background worker: dispatch due reminders, drain the task queue"
  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = "UTC"
  state                        = var.enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = var.function_arn
    role_arn = aws_iam_role.scheduler.arn
    # A direct event: no requestContext, so config/lambda_handler.py never
    # takes an API Gateway request for it, nor it for a request.
    input = jsonencode({ scheduled = "minute" })

    dead_letter_config {
      arn = aws_sqs_queue.dead_letter.arn
    }

    # A tick not delivered within two minutes is superseded by the later ones
    # (each dispatch looks for everything due up to its own now): it goes to
    # the dead-letter queue, whose alarm says the schedule is failing.
    retry_policy {
      maximum_event_age_in_seconds = 120
      maximum_retry_attempts       = 2
    }
  }
}

# EventBridge Scheduler invokes asynchronously. Lambda would retry a failed
# invocation twice, a minute and two later, on top of the ticks that come
# anyway: the next tick is the retry.
resource "aws_lambda_function_event_invoke_config" "this" {
  function_name                = var.function_name
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = 120
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  datapoints_to_alarm = each.value.datapoints
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison
  treat_missing_data  = each.value.treat_missing_data
  # A schedule turned off does not tick; only the dead letters still matter.
  actions_enabled = var.enabled || each.value.alarm_when_disabled
  alarm_actions   = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
  ok_actions      = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
  tags            = var.tags
}
