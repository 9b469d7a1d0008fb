output "topic_arn" {
  description = "SNS topic receiving every alarm."
  value       = aws_sns_topic.this.arn
}

output "lambda_log_group_name" {
  description = "Log group of the API function."
  value       = aws_cloudwatch_log_group.lambda.name
}

output "lambda_log_group_arn" {
  description = "ARN of the API function's log group."
  value       = aws_cloudwatch_log_group.lambda.arn
}

output "api_access_log_group_arn" {
  description = "ARN of the API Gateway access log group."
  value       = aws_cloudwatch_log_group.api_access.arn
}

output "alarm_names" {
  description = "Names of the eight alarms."
  value       = [for alarm in aws_cloudwatch_metric_alarm.this : alarm.alarm_name]
}

output "dashboard_name" {
  description = "CloudWatch dashboard name."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}
