output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function."
  value       = aws_lambda_function.this.arn
}

output "role_arn" {
  description = "ARN of the execution role."
  value       = aws_iam_role.this.arn
}

output "repository_url" {
  description = "ECR repository URL (docker push target)."
  value       = aws_ecr_repository.api.repository_url
}

output "repository_arn" {
  description = "ECR repository ARN."
  value       = aws_ecr_repository.api.arn
}

output "api_id" {
  description = "ID of the HTTP API (CloudWatch dimension ApiId)."
  value       = aws_apigatewayv2_api.this.id
}

output "api_domain_name" {
  description = "Host name of the HTTP API, used as a CloudFront origin."
  value       = replace(aws_apigatewayv2_api.this.api_endpoint, "https://", "")
}

output "stage_name" {
  description = "Stage name, used as the CloudFront origin path."
  value       = aws_apigatewayv2_stage.this.name
}

output "invoke_url" {
  description = "Direct URL of the stage (CloudFront is the public entry)."
  value       = aws_apigatewayv2_stage.this.invoke_url
}
