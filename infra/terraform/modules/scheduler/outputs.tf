output "schedule_arn" {
  description = "ARN of the minute schedule."
  value       = aws_scheduler_schedule.this.arn
}

output "role_arn" {
  description = "ARN of the role the schedule invokes the function with."
  value       = aws_iam_role.scheduler.arn
}

output "dead_letter_queue_arn" {
  description = "ARN of the dead-letter queue of undeliverable invocations."
  value       = aws_sqs_queue.dead_letter.arn
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue (aws sqs receive-message --queue-url ...)."
  value       = aws_sqs_queue.dead_letter.url
}

output "alarm_names" {
  description = "Names of the worker's five alarms."
  value       = [for alarm in aws_cloudwatch_metric_alarm.this : alarm.alarm_name]
}
